// Tests of the GGUF format code: the tensor type table, writer -> reader round trips of every
// metadata type, the writer against an independent hand encoder, and the typed getters.
#include <QtTest>

#include <cstring>
#include <limits>

#include "hostile_gguf.h"
#include "ponder/gguf.h"
#include "tst_gguf.h"

using namespace ponder;
using namespace ponder::gguf;
using namespace tst_gguf;
namespace pt = ponder::testing;

void TestGguf::tensorTypeTable() {
    // Geometry from engine-spec.md 1.3.
    const auto q4k = tensorTypeInfo(12u);
    QVERIFY(q4k.has_value());
    QCOMPARE(q4k->blockElements, 256u);
    QCOMPARE(q4k->blockBytes, 144u);
    QCOMPARE(tensorTypeInfo(TensorType::MXFP4).blockBytes, 17u);
    QCOMPARE(tensorTypeInfo(TensorType::Q8_0).blockBytes, 34u);
    QCOMPARE(tensorTypeInfo(TensorType::IQ4_XS).blockBytes, 136u);
    QCOMPARE(tensorTypeInfo(TensorType::BF16).blockBytes, 2u);
    for (uint32_t retired : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 43u, 1000u}) {
        QVERIFY2(!tensorTypeInfo(retired).has_value(), qPrintable(QString::number(retired)));
    }
    QCOMPARE(tensorTypeName(TensorType::Q6_K), std::string_view("Q6_K"));
    QCOMPARE(tensorTypeFromName("q4_k"), std::optional<TensorType>(TensorType::Q4_K));
    QVERIFY(!tensorTypeFromName("Q4_K_M").has_value());
    for (const auto& info : allTensorTypes()) {
        QCOMPARE(tensorTypeInfo(static_cast<uint32_t>(info.type))->name, info.name);
    }
}

void TestGguf::roundTripEveryMetadataType_data() {
    QTest::addColumn<uint32_t>("alignment");
    QTest::newRow("default alignment") << 32u;
    QTest::newRow("alignment 64") << 64u;
    QTest::newRow("alignment 8") << 8u;
}

void TestGguf::roundTripEveryMetadataType() {
    QFETCH(uint32_t, alignment);
    Writer w(alignment);
    w.setU8("t.u8", 255);
    w.setI8("t.i8", -128);
    w.setU16("t.u16", 65535);
    w.setI16("t.i16", -32768);
    w.setU32("t.u32", 4000000000u);
    w.setI32("t.i32", -2000000000);
    w.setU64("t.u64", std::numeric_limits<uint64_t>::max());
    w.setI64("t.i64", std::numeric_limits<int64_t>::min());
    w.setF32("t.f32", 0.1f);
    w.setF64("t.f64", -1.0e300);
    w.setBool("t.bool", true);
    w.setString("t.string", std::string("h\xC3\xA9llo\0world", 12));
    w.setStringArray("t.strings", {"", "a", std::string(300, 'z')});
    w.setF32Array("t.f32s", {1.5f, -2.25f});
    w.setI32Array("t.i32s", {-1, 0, 2147483647});
    w.setU32Array("t.u32s", {0, 4294967295u});
    w.setBoolArray("t.bools", {true, false, true});
    w.setU32("t.replaced", 1);
    w.setU32("t.replaced", 2);  // a second set replaces, keys stay unique

    struct Spec {
        const char* name;
        TensorType type;
        std::vector<uint64_t> ne;
        size_t bytes;
    };
    const std::vector<Spec> specs = {
        {"f32", TensorType::F32, {3, 5}, 3 * 5 * 4},
        {"f16", TensorType::F16, {7}, 14},
        {"q4_0", TensorType::Q4_0, {64, 3}, 2 * 3 * 18},
        {"q4_k", TensorType::Q4_K, {256, 2, 2}, 4 * 144},
        {"q8_0", TensorType::Q8_0, {32, 1, 1, 3}, 3 * 34},
        {"mxfp4", TensorType::MXFP4, {32, 5}, 5 * 17},
        {"bf16", TensorType::BF16, {1}, 2},
    };
    for (size_t i = 0; i < specs.size(); ++i) {
        auto added =
            w.addTensor(specs[i].name, specs[i].type, specs[i].ne, bytePattern(specs[i].bytes, uint8_t(i)));
        QVERIFY2(added.ok(), added.ok() ? "" : added.error().message.c_str());
    }

    const std::vector<uint8_t> image = w.toBytes();
    auto opened = File::parse(image);
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    const File& f = **opened;
    QCOMPARE(f.version(), 3u);
    QCOMPARE(f.alignment(), alignment);
    QCOMPARE(f.fileSize(), uint64_t(image.size()));

    QCOMPARE(*f.getUInt("t.u8"), uint64_t(255));
    QCOMPARE(f.find("t.u8")->type, ValueType::U8);
    QCOMPARE(*f.getInt("t.i8"), int64_t(-128));
    QCOMPARE(f.find("t.i8")->type, ValueType::I8);
    QCOMPARE(*f.getUInt("t.u16"), uint64_t(65535));
    QCOMPARE(*f.getInt("t.i16"), int64_t(-32768));
    QCOMPARE(*f.getUInt("t.u32"), uint64_t(4000000000u));
    QCOMPARE(*f.getInt("t.i32"), int64_t(-2000000000));
    QCOMPARE(*f.getUInt("t.u64"), std::numeric_limits<uint64_t>::max());
    QCOMPARE(f.find("t.u64")->type, ValueType::U64);
    QCOMPARE(*f.getInt("t.i64"), std::numeric_limits<int64_t>::min());
    QCOMPARE(*f.getFloat("t.f32"), double(0.1f));
    QCOMPARE(f.find("t.f32")->type, ValueType::F32);
    QCOMPARE(*f.getFloat("t.f64"), -1.0e300);
    QCOMPARE(*f.getBool("t.bool"), true);
    QCOMPARE(*f.getString("t.string"), std::string("h\xC3\xA9llo\0world", 12));
    QCOMPARE(*f.getStringArray("t.strings"), (std::vector<std::string>{"", "a", std::string(300, 'z')}));
    QCOMPARE(*f.getFloatArray("t.f32s"), (std::vector<double>{1.5, -2.25}));
    QCOMPARE(*f.getIntArray("t.i32s"), (std::vector<int64_t>{-1, 0, 2147483647}));
    QCOMPARE(std::get<ArrayValue>(f.find("t.i32s")->data).elementType, ValueType::I32);
    QCOMPARE(*f.getIntArray("t.u32s"), (std::vector<int64_t>{0, 4294967295}));
    const auto& bools = std::get<ArrayValue>(f.find("t.bools")->data);
    QCOMPARE(bools.elementType, ValueType::Bool);
    QCOMPARE(bools.items.size(), size_t(3));
    QCOMPARE(std::get<bool>(bools.items[1]), false);
    QCOMPARE(*f.getUInt("t.replaced"), uint64_t(2));
    const size_t expectedKeys = 18 + (alignment != 32 ? 1 : 0);  // + general.alignment
    QCOMPARE(f.metadata().size(), expectedKeys);

    QCOMPARE(f.tensors().size(), specs.size());
    const uint8_t* previousEnd = nullptr;
    for (size_t i = 0; i < specs.size(); ++i) {
        const TensorInfo& t = f.tensors()[i];
        QCOMPARE(t.name, std::string(specs[i].name));
        QCOMPARE(t.type, specs[i].type);
        QCOMPARE(t.nDims, uint32_t(specs[i].ne.size()));
        for (size_t d = 0; d < 4; ++d)
            QCOMPARE(t.ne[d], d < specs[i].ne.size() ? specs[i].ne[d] : uint64_t(1));
        QCOMPARE(t.byteSize, uint64_t(specs[i].bytes));
        QVERIFY(t.data >= image.data() && t.data + t.byteSize <= image.data() + image.size());
        QCOMPARE(size_t(t.data - image.data()) % alignment, size_t(0));
        QVERIFY(std::memcmp(t.data, bytePattern(specs[i].bytes, uint8_t(i)).data(), specs[i].bytes) == 0);
        // The gap before each tensor is zero padding shorter than the alignment.
        if (previousEnd) {
            QVERIFY(t.data >= previousEnd && size_t(t.data - previousEnd) < alignment);
            for (const uint8_t* p = previousEnd; p < t.data; ++p)
                QCOMPARE(*p, uint8_t(0));
        }
        previousEnd = t.data + t.byteSize;
        QCOMPARE(f.findTensor(specs[i].name), &t);
    }
    // The last tensor (2 bytes) is padded too, as ggml writes it.
    QCOMPARE(size_t(image.data() + image.size() - previousEnd),
             size_t((alignment - 2 % alignment) % alignment));
    QVERIFY(f.findTensor("missing") == nullptr);
}

void TestGguf::writerMatchesHandEncoding() {
    // The same content through gguf::Writer and through the test's own field-by-field
    // encoder must give identical bytes (key order, offsets and padding included).
    const std::vector<uint8_t> expected = pt::encodeGguf(pt::validRawGguf());
    Writer w;
    w.setString("general.architecture", "llama");
    w.setString("general.name", "hostile-base");
    w.setU32("llama.block_count", 2);
    w.setU32("llama.context_length", 128);
    w.setU32("llama.embedding_length", 8);
    w.setF32("llama.rope.freq_base", 10000.0f);
    w.setU32("general.file_type", 2);
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setStringArray("tokenizer.ggml.tokens", {"a", "b", "c", "<s>"});
    for (const auto& t : pt::validRawGguf().tensors) {
        QVERIFY(w.addTensor(t.name, static_cast<TensorType>(t.type), t.ne, t.data).ok());
    }
    const std::vector<uint8_t> written = w.toBytes();
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
}

void TestGguf::handEncodedFileReadsBack() {
    pt::GgufSections sections;
    const std::vector<uint8_t> image = pt::encodeGguf(pt::validRawGguf(), &sections);
    auto opened = File::parse(image);
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    const File& f = **opened;
    QCOMPARE(*f.getString("general.architecture"), std::string("llama"));
    QCOMPARE(*f.getUInt("llama.block_count"), uint64_t(pt::ValidGgufFacts::kBlockCount));
    QCOMPARE(*f.getFloat("llama.rope.freq_base"), 10000.0);
    QCOMPARE(f.getStringArray("tokenizer.ggml.tokens")->size(), size_t(pt::ValidGgufFacts::kVocabSize));
    QCOMPARE(f.tensors().size(), size_t(pt::ValidGgufFacts::kTensorCount));
    const uint64_t offsets[] = {0, 128, 224};  // 128 bytes, then 72 padded to 96, then 32
    uint64_t parameters = 0;
    for (size_t i = 0; i < f.tensors().size(); ++i) {
        const TensorInfo& t = f.tensors()[i];
        QCOMPARE(t.offset, offsets[i]);
        QCOMPARE(t.data, image.data() + sections.dataStart + offsets[i]);
        QCOMPARE(t.shard, 0u);
        parameters += t.elementCount();
    }
    QCOMPARE(parameters, pt::ValidGgufFacts::kParameterCount);
    QCOMPARE(f.tensors()[1].type, TensorType::Q4_0);
    QCOMPARE(f.tensors()[1].byteSize, uint64_t(72));
}

void TestGguf::version2IsAccepted() {
    pt::RawGguf raw = pt::validRawGguf();
    raw.version = 2;
    const auto image = pt::encodeGguf(raw);
    auto opened = File::parse(image);
    QVERIFY(opened.ok());
    QCOMPARE((*opened)->version(), 2u);
}

void TestGguf::typedGettersCheckTypes() {
    Writer w;
    w.setI32("neg", -5);
    w.setU64("big", std::numeric_limits<uint64_t>::max());
    w.setU32("count", 7);
    w.setString("name", "x");
    w.setStringArray("names", {"a"});
    w.setU32Array("ids", {1, 2});
    const auto image = w.toBytes();
    auto opened = File::parse(image);
    QVERIFY(opened.ok());
    const File& f = **opened;

    auto negative = f.getUInt("neg");
    QVERIFY(!negative.ok());
    QVERIFY(message(negative.error()).contains("'neg' holds a value that does not fit an unsigned integer"));
    QCOMPARE(*f.getInt("neg"), int64_t(-5));
    auto big = f.getInt("big");
    QVERIFY(!big.ok());
    QVERIFY(message(big.error()).contains("'big'"));
    QCOMPARE(*f.getFloat("count"), 7.0);  // integers are accepted as numbers
    auto wrong = f.getString("count");
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::InvalidFormat);
    QVERIFY(message(wrong.error()).contains("'count' has type u32, expected string"));
    auto absent = f.getUInt("llama.block_count");
    QVERIFY(!absent.ok());
    QVERIFY(message(absent.error()).contains("<memory>: metadata key 'llama.block_count' is missing"));
    QVERIFY(!f.getBool("name").ok());
    auto notNumbers = f.getIntArray("names");
    QVERIFY(!notNumbers.ok());
    QVERIFY(message(notNumbers.error())
                .contains("'names[0]' has type array of string, expected an array of integers"));
    QVERIFY(!f.getStringArray("ids").ok());
    QVERIFY(!f.getStringArray("name").ok());
    QCOMPARE(*f.getFloatArray("ids"), (std::vector<double>{1, 2}));
}

void TestGguf::writerRejectsBadTensors() {
    Writer w;
    QVERIFY(!w.addTensor("short", TensorType::F32, {4}, std::vector<uint8_t>(15)).ok());
    QVERIFY(!w.addTensor("", TensorType::F32, {4}, std::vector<uint8_t>(16)).ok());
    QVERIFY(!w.addTensor(std::string(64, 'n'), TensorType::F32, {4}, std::vector<uint8_t>(16)).ok());
    QVERIFY(!w.addTensor("blocks", TensorType::Q4_K, {100}, std::vector<uint8_t>(144)).ok());
    QVERIFY(!w.addTensor("dims", TensorType::F32, {1, 1, 1, 1, 1}, std::vector<uint8_t>(4)).ok());
    QVERIFY(!w.addTensor("zero", TensorType::F32, {0}, {}).ok());
    QVERIFY(!w.addTensor("retired", static_cast<TensorType>(4), {32}, std::vector<uint8_t>(18)).ok());
    QVERIFY(w.addTensor("ok", TensorType::F32, {4}, std::vector<uint8_t>(16)).ok());
    auto duplicate = w.addTensor("ok", TensorType::F32, {4}, std::vector<uint8_t>(16));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestGguf)
