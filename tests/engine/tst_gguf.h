/// @brief Test class of tst_gguf (GGUF reader and writer); its slots are spread over
/// tst_gguf.cpp (format, round trips, getters, writer) and tst_gguf_files.cpp (real
/// vocabularies, split models, hostile files).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "ponder/result.h"

namespace tst_gguf {

inline std::vector<uint8_t> bytePattern(size_t n, uint8_t seed) {
    std::vector<uint8_t> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = static_cast<uint8_t>(seed * 31 + i * 13);
    return out;
}

inline std::filesystem::path toPath(const QString& s) {
    return std::filesystem::path(s.toStdString());
}

inline QByteArray message(const ponder::Error& e) {
    return QByteArray::fromStdString(e.message);
}

}  // namespace tst_gguf

class TestGguf : public QObject {
    Q_OBJECT

private slots:
    void tensorTypeTable();
    void roundTripEveryMetadataType_data();
    void roundTripEveryMetadataType();
    void writerMatchesHandEncoding();
    void handEncodedFileReadsBack();
    void version2IsAccepted();
    void typedGettersCheckTypes();
    void writerRejectsBadTensors();
    void vocabFiles_data();
    void vocabFiles();
    void splitModelOpensAllShards();
    void splitModelErrors();
    void openErrors();
    void hostileFiles_data();
    void hostileFiles();
    void everyPrefixIsRejected();
    void randomCorruptionGivesErrorsNotCrashes();
};
