// Tokenizer metadata for generated models: a small synthetic byte-level BPE vocabulary or
// the tokenizer.* keys borrowed from another GGUF file.
#pragma once

#include <cstdint>
#include <filesystem>

#include "ponder/gguf.h"
#include "ponder/result.h"

namespace ponder::testgen {

/// Adds tokenizer.* keys to both writers; returns the vocabulary size.
Result<uint32_t> writeVocab(gguf::Writer& a, gguf::Writer& b, uint32_t nVocab,
                            const std::filesystem::path& borrowFrom);

}  // namespace ponder::testgen
