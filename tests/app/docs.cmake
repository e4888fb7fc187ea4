# The document index (app/docs): extraction, chunking, indexing, retrieval, embeddings, CLI.
# tst_docs_index writes real PDFs with QPdfWriter, which needs Qt Gui (test only; the app's
# library reads PDFs without it).
find_package(Qt6 REQUIRED COMPONENTS Gui)
ponder_add_test(NAME tst_docs_index
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_index.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core Qt6::Gui
  LABELS docs TIMEOUT 300)
ponder_add_test(NAME tst_docs_retrieval
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_retrieval.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core
  LABELS docs)
ponder_add_test(NAME tst_docs_embedding
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_embedding.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core ponder_testgen
  LABELS docs TIMEOUT 300)
# Runs the built `ponder docs` the way a user in a terminal would.
ponder_add_test(NAME tst_docs_cli
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_cli.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core ponder_testgen
  LABELS docs TIMEOUT 600)
add_dependencies(tst_docs_cli ponder)
ponder_add_test(NAME tst_docs_library
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_library.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core
  LABELS docs TIMEOUT 300)
# A chat attached to a collection: cited answers from the scripted model, citations that map
# to file, page and lines and survive a restart, the "nothing relevant" sentence.
ponder_add_test(NAME tst_docs_chat
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_chat.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core ponder_scripted_model ponder_testgen
  LABELS docs TIMEOUT 300)
# The Documents view's models and actions (DocumentsController): collections, documents with
# their states and errors, removal, resume after a restart.
ponder_add_test(NAME tst_docs_models
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docs_models.cpp ${CMAKE_CURRENT_LIST_DIR}/docs_test_util.h
  LIBS ponder_core
  LABELS docs TIMEOUT 300)
