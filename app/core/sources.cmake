target_sources(ponder_core PRIVATE
  core/app_info.cpp core/app_info.h
  core/app_paths.cpp core/app_paths.h
  core/command_line.cpp core/command_line.h
  core/e2e_driver.cpp core/e2e_driver.h)
