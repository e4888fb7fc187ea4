# The document index (app/docs): collections of files, text extraction (QtPdf for PDF),
# chunking, FTS5 and embedding retrieval, cited prompt context, and the `ponder docs` CLI.
find_package(Qt6 6.4 REQUIRED COMPONENTS Pdf)
# QtPdf drags Qt Gui in as a library, but only QPdfDocument's text API is used: it needs no
# display and works under QCoreApplication (the CLI and the tests check that).
target_link_libraries(ponder_core PUBLIC Qt6::Pdf)
target_sources(ponder_core PRIVATE
  docs/docs_log.cpp docs/docs_log.h
  docs/docs_types.h
  docs/text_extract.cpp docs/text_extract.h
  docs/chunker.cpp docs/chunker.h
  docs/docs_store.cpp docs/docs_store.h
  docs/chunk_embedder.cpp docs/chunk_embedder.h
  docs/doc_indexer.cpp docs/doc_indexer.h
  docs/docs_retriever.cpp docs/docs_retriever.h
  docs/docs_json.cpp docs/docs_json.h
  docs/simple_pdf.cpp docs/simple_pdf.h
  docs/docs_bench.cpp docs/docs_bench.h
  docs/docs_cli.cpp docs/docs_cli.h
  docs/index_worker.cpp docs/index_worker.h
  docs/document_library.cpp docs/document_library.h
  docs/retrieval_service.cpp docs/retrieval_service.h
  docs/citation_store.cpp docs/citation_store.h
  docs/docs_list_models.cpp docs/docs_list_models.h
  docs/documents_controller.cpp docs/documents_controller.h
)
