# QML-facing list models over the conversation store.
target_sources(ponder_core PRIVATE
  chat/chat_log.cpp chat/chat_log.h
  chat/list_sync.cpp chat/list_sync.h
  chat/conversation_list_model.cpp chat/conversation_list_model.h
  chat/message_list_model.cpp chat/message_list_model.h
)
