# Model loading (hyper-parameters, weight binding), the architecture registry and the CPU
# reference forward passes.
target_sources(ponder_engine PRIVATE
  src/model/hparams.cpp
  src/model/weights.cpp
  src/model/kv_cache.cpp
  src/model/blocks.cpp
  src/model/model.cpp
  src/model/session.cpp
  src/model/embedding.cpp
  src/model/arch_registry.cpp
  src/model/llama_family.cpp
  src/model/arch_llama.cpp
  src/model/arch_qwen2.cpp
  src/model/arch_qwen3.cpp
  src/model/arch_qwen3moe.cpp
  src/model/arch_olmoe.cpp
  src/model/arch_granitemoe.cpp
  src/model/arch_deepseek2.cpp
  src/model/arch_gpt_oss.cpp)
