# GGUF reader (validating, mmap, split files), writer and the tensor type table.
# Paths are relative to engine/ (included from engine/CMakeLists.txt).
# tests/engine/fuzz_gguf.cmake compiles src/gguf/*.cpp on its own for the fuzzer, so this
# folder must stay self-contained (it needs only engine/include and src/core/result.cpp).
target_sources(ponder_engine PRIVATE
  src/gguf/file.cpp
  src/gguf/mapped_file.cpp
  src/gguf/metadata_getters.cpp
  src/gguf/metadata_reader.cpp
  src/gguf/reader.cpp
  src/gguf/split.cpp
  src/gguf/tensor_type.cpp
  src/gguf/writer.cpp)
