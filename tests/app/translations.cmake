# tst_app_translations: the compiled translations are in ponder_i18n's resources and load
# for German and Simplified Chinese locales; the sentences made from engine errors are translated.
ponder_add_test(NAME tst_app_translations
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_app_translations.cpp
  LIBS ponder_i18n ponder_core
  LABELS app)

# No user-visible string ships untranslated: lupdate over copies of the .ts files (the sources
# stay untouched) must find nothing new or unfinished.
add_test(NAME translations_complete
  COMMAND ${CMAKE_COMMAND} -DLUPDATE=$<TARGET_FILE:Qt6::lupdate>
          -DLIST=${CMAKE_BINARY_DIR}/i18n/i18n_sources.lst
          -DTS_DIR=${CMAKE_SOURCE_DIR}/i18n -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/ts-check
          "-DINCLUDES=${CMAKE_SOURCE_DIR}/app|${CMAKE_SOURCE_DIR}/ui"
          -P ${CMAKE_SOURCE_DIR}/i18n/check_translations.cmake)
set_tests_properties(translations_complete PROPERTIES LABELS app)
