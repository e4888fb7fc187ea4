# Tokenizers: byte-level BPE (regex pre-tokenizers on PCRE2) and SPM. Paths relative to engine/.
target_sources(ponder_engine PRIVATE
  src/tokenizer/bpe.cpp
  src/tokenizer/pretokenizer.cpp
  src/tokenizer/special_partition.cpp
  src/tokenizer/spm.cpp
  src/tokenizer/tokenizer.cpp
  src/tokenizer/tokenizer_gguf.cpp
  src/tokenizer/tokenizer_setup.cpp
  src/tokenizer/unicode.cpp
  src/tokenizer/unicode_categories.cpp)

# GLOBAL so the imported target is visible where ponder_engine is linked (tests/, app/): a
# static library passes its private link dependencies on to whoever links it.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET GLOBAL libpcre2-8)
target_link_libraries(ponder_engine PRIVATE PkgConfig::PCRE2)
