# The conversation store: SQLite through QtSql, migrations, search, streaming writes, export.
target_sources(ponder_core PRIVATE
  storage/storage_log.cpp storage/storage_log.h
  storage/storage_result.cpp storage/storage_result.h
  storage/storage_types.cpp storage/storage_types.h
  storage/storage_rows.cpp storage/storage_rows.h
  storage/sql_script.cpp storage/sql_script.h
  storage/migrations.cpp storage/migrations.h
  storage/database.cpp storage/database.h
  storage/conversation_store.cpp storage/conversation_store.h
  storage/message_tree.cpp storage/message_tree.h
  storage/conversation_search.cpp storage/conversation_search.h
  storage/streaming_writer.cpp storage/streaming_writer.h
  storage/conversation_export.cpp storage/conversation_export.h
  storage/conversation_import.cpp storage/conversation_import.h
)

# Migrations are embedded so the schema always matches the code that reads it. Globbed (with
# CONFIGURE_DEPENDS) so a new NNN_*.sql cannot be forgotten here; migrations.cpp refuses gaps
# in the numbering.
file(GLOB ponder_sql_migrations CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/sql/*.sql)
qt_add_resources(ponder_core "ponder_sql_migrations"
  PREFIX "/ponder/sql"
  BASE ${CMAKE_SOURCE_DIR}/resources/sql
  FILES ${ponder_sql_migrations}
)
