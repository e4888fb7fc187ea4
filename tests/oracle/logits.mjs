#!/usr/bin/env node
// The llama.cpp oracle: loads a GGUF with node-llama-cpp (which bundles a prebuilt
// llama.cpp) and prints the log-probabilities of the next token at every position of a
// token sequence. Ponder's tests compare their own logits against these.
//
//   node logits.mjs --model F.gguf --tokens 1,2,3 [--kv f32|f16] [--flash-attn off|on|auto]
//                   [--gpu cpu|vulkan] [--threads N] [--batch N] [--out FILE]
//   node logits.mjs --model A.gguf --out A.bin --model B.gguf --out B.bin --tokens ...
//                   (several models in one run; each needs its --out)
//
// Without --out: {"n_vocab":V,"logprobs":[[...V values...], ...]} on stdout (null for a
// probability that underflowed to 0). With --out: a binary file, little-endian:
// "PLGP", u32 n_vocab, u32 n_positions, then float32 log-probabilities [n_positions][n_vocab]
// (-inf where the probability underflowed); stdout then gets a one-line JSON summary.
//
// node-llama-cpp is found through the PONDER_ORACLE_DIR environment variable (the folder
// holding node_modules/node-llama-cpp), else ~/.cache/ponder/oracle.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; ++i) {
        const a = argv[i];
        if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
        const key = a.slice(2);
        const next = argv[i + 1];
        const value = next === undefined || next.startsWith("--") ? "1" : argv[++i];
        // --model and --out may repeat: one llama.cpp start-up then serves many models.
        if (key === "model" || key === "out") (out[key] ??= []).push(value);
        else out[key] = value;
    }
    return out;
}

function fail(message) {
    process.stderr.write(JSON.stringify({ error: "OracleError", message }) + "\n");
    process.exit(1);
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    if (!args.model || !args.tokens) fail("usage: logits.mjs --model F --tokens 1,2,3 [--kv f32|f16] [--out FILE]");
    const tokens = args.tokens.split(",").filter((s) => s.length > 0).map((s) => {
        const t = Number.parseInt(s, 10);
        if (!Number.isInteger(t) || t < 0) fail(`bad token id '${s}'`);
        return t;
    });
    if (tokens.length === 0) fail("no tokens");

    const oracleDir = process.env.PONDER_ORACLE_DIR || path.join(os.homedir(), ".cache", "ponder", "oracle");
    const entry = path.join(oracleDir, "node_modules", "node-llama-cpp", "dist", "index.js");
    if (!fs.existsSync(entry)) fail(`node-llama-cpp not found at ${entry} (run scripts/setup-oracle)`);
    const { getLlama, LlamaLogLevel } = await import(pathToFileURL(entry).href);

    const gpu = args.gpu === "vulkan" ? "vulkan" : false;
    if (gpu === "vulkan" && process.env.GGML_VK_VISIBLE_DEVICES === undefined) {
        // ggml-vulkan skips CPU-type devices (lavapipe) unless they are listed explicitly.
        process.env.GGML_VK_VISIBLE_DEVICES = args.device ?? "0";
    }
    const llama = await getLlama({
        gpu, build: "never", skipDownload: true, usePrebuiltBinaries: true,
        logLevel: LlamaLogLevel.error, progressLogs: false,
    });
    if (args.out && args.out.length !== args.model.length) fail("give one --out per --model");
    if (!args.out && args.model.length !== 1) fail("several models need one --out each");
    for (let i = 0; i < args.model.length; ++i) {
        await evaluateModel(llama, args, args.model[i], args.out ? args.out[i] : undefined, tokens, gpu);
    }
    await llama.dispose();
}

async function evaluateModel(llama, args, modelPath, outPath, tokens, gpu) {
    const model = await llama.loadModel({ modelPath: path.resolve(modelPath), gpuLayers: gpu ? "max" : 0 });
    const nVocab = model.fileInfo.metadata?.tokenizer?.ggml?.tokens?.length;
    if (!nVocab) fail("cannot read the vocabulary size from the model");

    const kv = (args.kv ?? "f16").toUpperCase();
    if (kv !== "F16" && kv !== "F32") fail(`--kv must be f16 or f32, got ${args.kv}`);
    // Flash attention off by default: with it, llama.cpp's CPU path rounds Q and the V accumulator
    // to F16 even with an F32 cache, which hides 1e-6-level agreement under 1e-3 noise.
    const flash = args["flash-attn"] === "on" ? true : args["flash-attn"] === "auto" ? "auto" : false;
    const threads = Number.parseInt(args.threads ?? "2", 10);
    const context = await model.createContext({
        contextSize: Math.max(256, tokens.length + 1),
        batchSize: Number.parseInt(args.batch ?? "512", 10),
        threads: { ideal: threads, min: threads },
        flashAttention: flash,
        experimentalKvCacheKeyType: kv,
        experimentalKvCacheValueType: kv,
        ignoreMemorySafetyChecks: true,
        failedCreationRemedy: false,
    });
    const sequence = context.getSequence();
    // Asking for the next token's full distribution at every position makes llama.cpp
    // return logits for each of them (softmax over the whole vocabulary, temperature 0,
    // nothing filtered).
    const input = tokens.map((t) => [t, { generateNext: { probabilities: true, token: true, options: { temperature: 0 } } }]);
    const results = await sequence.controlledEvaluate(input);

    const rows = new Float32Array(tokens.length * nVocab).fill(-Infinity);
    results.forEach((r, pos) => {
        const probs = r?.next?.probabilities;
        if (!probs) fail(`no probabilities for position ${pos}`);
        for (const [tok, p] of probs) {
            if (tok >= 0 && tok < nVocab && p > 0) rows[pos * nVocab + tok] = Math.log(p);
        }
    });

    if (outPath) {
        const header = Buffer.alloc(12);
        header.write("PLGP", 0, "ascii");
        header.writeUInt32LE(nVocab, 4);
        header.writeUInt32LE(tokens.length, 8);
        fs.writeFileSync(outPath, Buffer.concat([header, Buffer.from(rows.buffer)]));
        process.stdout.write(JSON.stringify({ n_vocab: nVocab, n_positions: tokens.length, out: outPath,
            kv, gpu: gpu || "cpu" }) + "\n");
    } else {
        const logprobs = [];
        for (let pos = 0; pos < tokens.length; ++pos) {
            logprobs.push(Array.from(rows.subarray(pos * nVocab, (pos + 1) * nVocab), (v) => (Number.isFinite(v) ? v : null)));
        }
        process.stdout.write(JSON.stringify({ n_vocab: nVocab, logprobs }) + "\n");
    }
    await context.dispose();
    await model.dispose();
}

main().catch((e) => fail(String(e?.stack ?? e)));
