# tst_app_translations: the compiled translations are in ponder_i18n's resources and load
# for German and Simplified Chinese locales.
ponder_add_test(NAME tst_app_translations
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_app_translations.cpp
  LIBS ponder_i18n
  LABELS app)
