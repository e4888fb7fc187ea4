target_sources(ponder_engine PRIVATE
  src/chat/chat_template.cpp
  src/chat/chat_render.cpp
  src/chat/reasoning_parser.cpp
  src/chat/reasoning_steps.cpp
)
