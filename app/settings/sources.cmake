# Settings (QSettings in the data folder) and the run-time language switch.
target_sources(ponder_core PRIVATE
  settings/settings_log.cpp settings/settings_log.h
  settings/app_settings.cpp settings/app_settings.h
  settings/language_switcher.cpp settings/language_switcher.h
)
