#!/usr/bin/env node
// llama.cpp's speed on a GGUF file through node-llama-cpp, measured the way `ponder-cli
// bench` measures Ponder: a prompt of --prompt-tokens random tokens evaluated as one batch,
// then --gen-tokens tokens generated one at a time (greedy), --reps times; medians.
//
//   node llama_bench.mjs --model F.gguf [--gpu cpu|vulkan] [--prompt-tokens 64]
//                        [--gen-tokens 32] [--reps 3] [--threads 2]
//
// Prints one JSON line: {"backend":..., "prefill_tps":..., "decode_tps":..., "device_bytes":...,
// "prefill_all":[...], "decode_all":[...]}. Errors go to stderr as JSON and exit 1. The
// caller (bench/compare) runs it under a timeout: llama.cpp's Vulkan backend on lavapipe is
// very slow and sometimes aborts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; ++i) {
        if (!argv[i].startsWith("--")) throw new Error(`unexpected argument ${argv[i]}`);
        const next = argv[i + 1];
        out[argv[i].slice(2)] = next === undefined || next.startsWith("--") ? "1" : argv[++i];
    }
    return out;
}

function fail(message) {
    process.stderr.write(JSON.stringify({ error: "LlamaBenchError", message }) + "\n");
    process.exit(1);
}

const median = (v) => {
    const s = [...v].sort((a, b) => a - b);
    const n = s.length;
    return n === 0 ? 0 : n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
};

async function main() {
    const args = parseArgs(process.argv.slice(2));
    if (!args.model) fail("usage: llama_bench.mjs --model F.gguf [--gpu cpu|vulkan] ...");
    const promptTokens = Number.parseInt(args["prompt-tokens"] ?? "64", 10);
    const genTokens = Number.parseInt(args["gen-tokens"] ?? "32", 10);
    const reps = Number.parseInt(args.reps ?? "3", 10);
    const threads = Number.parseInt(args.threads ?? "2", 10);
    const gpu = args.gpu === "vulkan" ? "vulkan" : false;
    if (gpu && process.env.GGML_VK_VISIBLE_DEVICES === undefined) {
        // ggml-vulkan ignores CPU-type devices (lavapipe) unless they are listed (oracle.md).
        process.env.GGML_VK_VISIBLE_DEVICES = args.device ?? "0";
    }
    const oracleDir = process.env.PONDER_ORACLE_DIR || path.join(os.homedir(), ".cache", "ponder", "oracle");
    const entry = path.join(oracleDir, "node_modules", "node-llama-cpp", "dist", "index.js");
    if (!fs.existsSync(entry)) fail(`node-llama-cpp not found at ${entry} (run scripts/setup-oracle)`);
    const { getLlama, LlamaLogLevel } = await import(pathToFileURL(entry).href);
    const llama = await getLlama({ gpu, build: "never", skipDownload: true, usePrebuiltBinaries: true,
        logLevel: LlamaLogLevel.error, progressLogs: false });
    const vramBefore = gpu ? (await llama.getVramState()).used : 0;
    const model = await llama.loadModel({ modelPath: path.resolve(args.model), gpuLayers: gpu ? "max" : 0 });
    const context = await model.createContext({
        contextSize: Math.max(256, promptTokens + genTokens + 1), batchSize: Math.max(promptTokens, 32),
        threads: { ideal: threads, min: threads }, ignoreMemorySafetyChecks: true, failedCreationRemedy: false,
    });
    const deviceBytes = gpu ? (await llama.getVramState()).used - vramBefore : 0;
    const sequence = context.getSequence();
    const nVocab = model.fileInfo.metadata?.tokenizer?.ggml?.tokens?.length ?? 256;
    let state = 42;  // a fixed pseudo-random prompt; token values do not change the work
    const prompt = Array.from({ length: promptTokens }, () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % nVocab;
    });

    const prefill = [], decode = [];
    for (let r = 0; r < reps; ++r) {
        await sequence.clearHistory();
        const p0 = performance.now();
        await sequence.evaluateWithoutGeneratingNewTokens(prompt);
        const p1 = performance.now();
        // Greedy generation, one token per decode step, through llama.cpp's own loop (the
        // generator feeds each sampled token back); the first step also evaluates one more
        // input token, as Ponder's bench does.
        let generated = 0;
        for await (const token of sequence.evaluate([prompt[0]], { temperature: 0 })) {
            void token;
            if (++generated >= genTokens) break;
        }
        const p2 = performance.now();
        prefill.push(promptTokens / ((p1 - p0) / 1000));
        decode.push(genTokens / ((p2 - p1) / 1000));
    }
    process.stdout.write(JSON.stringify({
        backend: gpu || "cpu", prefill_tps: median(prefill), decode_tps: median(decode), device_bytes: deviceBytes,
        reps, prompt_tokens: promptTokens, gen_tokens: genTokens, prefill_all: prefill, decode_all: decode,
    }) + "\n");
    await context.dispose();
    await model.dispose();
    await llama.dispose();
}

main().catch((e) => fail(String(e?.stack ?? e)));
