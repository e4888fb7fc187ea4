# Model downloads (app/models) against a local HTTP server the tests start themselves:
# the downloader (Range, pause/resume, restart, checksums, errors) and the DownloadManager
# with its list models.
ponder_add_test(NAME tst_model_downloader
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_model_downloader.cpp
          ${CMAKE_CURRENT_LIST_DIR}/http_test_server.cpp ${CMAKE_CURRENT_LIST_DIR}/http_test_server.h
  LIBS ponder_core
  LABELS app models)
ponder_add_test(NAME tst_download_manager
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_download_manager.cpp
          ${CMAKE_CURRENT_LIST_DIR}/http_test_server.cpp ${CMAKE_CURRENT_LIST_DIR}/http_test_server.h
  LIBS ponder_core
  LABELS app models)
ponder_add_test(NAME tst_download_qml
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_download_qml.cpp
  LIBS ponder_core ponder_coreplugin
  LABELS app models)
