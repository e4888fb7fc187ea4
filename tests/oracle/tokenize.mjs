// Tokenizes texts with llama.cpp itself (through node-llama-cpp) so that tst_tokenizer can
// compare Ponder's tokenizer with the reference on the same GGUF vocabularies.
//
//   node tokenize.mjs <request.json> [oracle-dir]
//
// request.json: {"vocabs": ["/path/ggml-vocab-x.gguf", ...], "texts": ["...", ...]}
// oracle-dir:   where node-llama-cpp is installed (scripts/setup-oracle); defaults to
//               $PONDER_ORACLE_DIR, then ~/.cache/ponder/oracle.
// stdout: {"results": [{"vocab", "bos", "eos", "eot", "addBos", "eog": [ids],
//          "plain": [[ids] per text], "special": [[ids] per text],
//          "decodePlain": [text per text], "decodeSpecial": [text per text]}]}
// Node resolves ES module imports from the script's own folder, not from NODE_PATH, so the
// package is imported by its absolute path.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [requestPath, oracleArg] = process.argv.slice(2);
if (!requestPath) {
    console.error("usage: node tokenize.mjs <request.json> [oracle-dir]");
    process.exit(2);
}
const oracleDir = oracleArg || process.env.PONDER_ORACLE_DIR || path.join(os.homedir(), ".cache/ponder/oracle");
const entry = path.join(oracleDir, "node_modules/node-llama-cpp/dist/index.js");
if (!fs.existsSync(entry)) {
    console.error(`node-llama-cpp not found at ${entry} (run scripts/setup-oracle)`);
    process.exit(3);
}
const { getLlama, LlamaLogLevel } = await import(pathToFileURL(entry).href);
const request = JSON.parse(fs.readFileSync(requestPath, "utf8"));

// Loading a vocab-only file logs "missing tensor" errors that are expected; keep stderr quiet.
const llama = await getLlama({
    gpu: false, build: "never", skipDownload: true, usePrebuiltBinaries: true,
    logLevel: LlamaLogLevel.disabled,
});

const results = [];
for (const vocab of request.vocabs) {
    const model = await llama.loadModel({ modelPath: vocab, vocabOnly: true });
    const nVocab = model.fileInfo.metadata.tokenizer.ggml.tokens.length;
    const eog = [];
    for (let id = 0; id < nVocab; ++id) {
        if (model.isEogToken(id)) eog.push(id);
    }
    const plain = [], special = [], decodePlain = [], decodeSpecial = [];
    for (const text of request.texts) {
        const a = Array.from(model.tokenize(text, false));
        const b = Array.from(model.tokenize(text, true));
        plain.push(a);
        special.push(b);
        decodePlain.push(model.detokenize(a, false));
        decodeSpecial.push(model.detokenize(b, true));
    }
    results.push({
        vocab,
        bos: model.tokens.bos ?? -1,
        eos: model.tokens.eos ?? -1,
        eot: model.tokens.eot ?? -1,
        addBos: model.tokens.shouldPrependBosToken,
        eog, plain, special, decodePlain, decodeSpecial,
    });
    await model.dispose();
}
await llama.dispose();
// ASCII-only JSON (\uXXXX escapes): some readers drop a U+FEFF at the start of a raw UTF-8
// string value (Qt's does), and one test text starts with it.
const ascii = JSON.stringify({ results }).replace(/[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
process.stdout.write(ascii + "\n");
