// A "scripted" test model: a real GGUF file (llama architecture, F32) that the engine runs
// through its ordinary forward pass, built so that greedy and even sampled generation follows
// a fixed script. Its attention and FFN outputs are zero, so the last hidden state is the
// current token's embedding; embeddings are one-hot and the output head maps each script
// piece to the next one (any other token leads to the first piece; the last leads to EOS).
// Each script piece is its own vocabulary entry, so pieces must differ from each other and
// from single bytes (the tokenizer refuses a vocabulary holding the same text twice). The chat template is DeepSeek-R1's, so the app shows reasoning
// (everything before "</think>") and an answer. End-to-end tests of the app use it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ponder/result.h"

namespace ponder::testgen {

/// The default script: a few reasoning steps, "</think>", then an answer.
std::vector<std::string> defaultScript();

/// Writes the scripted model. `pieces` must hold at most 48 entries.
Result<void> writeScriptedModel(const std::filesystem::path& path,
                                const std::vector<std::string>& pieces = defaultScript());

}  // namespace ponder::testgen
