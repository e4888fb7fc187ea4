target_sources(ponder_engine PRIVATE
  src/sample/sampler_stages.cpp
  src/sample/sampler_chain.cpp
  src/sample/generate.cpp
)
