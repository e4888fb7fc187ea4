target_sources(ponder_engine PRIVATE
  src/assistant/assistant.cpp
  src/assistant/cached_session.cpp
)
