# The model catalog (embedded JSON: complete and sane entries), the "fits your GPU?"
# estimate against hand-computed numbers, and the CatalogModel under QAbstractItemModelTester.
ponder_add_test(NAME tst_catalog
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_catalog.cpp
  LIBS ponder_core
  LABELS app models)
