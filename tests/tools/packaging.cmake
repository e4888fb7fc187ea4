# Packaging checks: the desktop entry and AppStream metainfo validate, and the DEB installs,
# runs and uninstalls on a fresh Debian 12 root (packaging/linux/test-deb-in-clean-root.sh).
if(NOT PONDER_BUILD_APP OR NOT UNIX OR APPLE)
  return()
endif()
find_program(PONDER_APPSTREAMCLI appstreamcli)
find_program(PONDER_DESKTOP_FILE_VALIDATE desktop-file-validate)
if(PONDER_APPSTREAMCLI AND PONDER_DESKTOP_FILE_VALIDATE)
  add_test(NAME validate_metainfo
           COMMAND ${PONDER_APPSTREAMCLI} validate --no-net
                   ${CMAKE_SOURCE_DIR}/resources/io.github.ponderchat.Ponder.metainfo.xml)
  add_test(NAME validate_desktop_entry
           COMMAND ${PONDER_DESKTOP_FILE_VALIDATE} ${CMAKE_SOURCE_DIR}/resources/io.github.ponderchat.Ponder.desktop)
  set_tests_properties(validate_metainfo validate_desktop_entry PROPERTIES LABELS packaging)
else()
  # Missing validators must not pass silently.
  add_test(NAME validate_metainfo COMMAND ${CMAKE_COMMAND} -E echo "appstreamcli/desktop-file-validate not found; run scripts/setup")
  set_tests_properties(validate_metainfo PROPERTIES WILL_FAIL ON LABELS packaging)
endif()

# The package is proven with a headless generation on the scripted test model.
add_test(NAME deb_test_model
         COMMAND ponder-scripted-model ${CMAKE_BINARY_DIR}/test-artifacts/deb-test-model.gguf)
set_tests_properties(deb_test_model PROPERTIES FIXTURES_SETUP deb_model LABELS packaging)
add_test(NAME deb_install_clean_root
         COMMAND bash ${CMAKE_SOURCE_DIR}/packaging/linux/test-deb-in-clean-root.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_BINARY_DIR}/test-artifacts/deb-test-model.gguf)
set_tests_properties(deb_install_clean_root PROPERTIES LABELS "packaging;slow" TIMEOUT 1200 RUN_SERIAL ON
                     FIXTURES_REQUIRED deb_model)
