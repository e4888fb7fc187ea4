target_sources(ponder_core PRIVATE core/app_info.cpp core/app_info.h)
