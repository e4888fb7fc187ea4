/// @brief Plain data passed between the UI thread and the inference worker (queued signals).
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <atomic>

/// Shared by the UI thread (writes) and the worker (reads), so stopping never waits in the
/// request queue: `through` cancels every request with an id up to it, queued ones too;
/// `current` stops the running generation between two tokens.
struct CancelState {
    std::atomic<bool> current{false};
    std::atomic<quint64> through{0};
};

/// One message of the conversation sent to the model.
struct PromptMessage {
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    QString content;
    QString reasoning;
};

/// Sampling and limits chosen by the user; unset values (negative / NaN) come from the
/// model file's recommendations or the engine's defaults.
struct GenerationSettings {
    double temperature = -1;   // < 0: model default
    int topK = -1;
    double topP = -1;
    double minP = -1;
    double repeatPenalty = -1;
    int maxTokens = -1;        // < 0: until the model stops or the context is full
    qint64 seed = -1;          // < 0: random
    bool enableThinking = true;
    int tokenDelayMs = 0;      // end-to-end tests only: pause after each streamed piece, so a
                               // test can kill or stop the app mid-answer (0 in the app)
};

/// What is known about a loaded model (model picker, "model info").
struct ModelSummary {
    QString path;
    QString name;
    QString architecture;
    qint64 fileBytes = 0;
    qint64 parameters = 0;
    qint64 activeParameters = 0;
    int experts = 0;
    int expertsUsed = 0;
    int contextLength = 0;       // the session's context
    int trainedContextLength = 0;
    QString chatFormat;          // chat template family
    QString quantization;        // most common weight type
    QString device;              // what runs it: the GPU's name, or "CPU"
    QString deviceNote;          // why it runs on the CPU although a GPU was wanted; else empty
};

/// AppSettings::gpuIndex values besides device indices.
namespace GpuChoice {
constexpr int Automatic = -1;  // the best usable Vulkan device
constexpr int CpuOnly = -2;    // the CPU reference backend, never the GPU
}

/// Timings and counts of a finished generation.
struct GenerationStats {
    int promptTokens = 0;
    int promptTokensEvaluated = 0;
    int generatedTokens = 0;
    int reasoningTokens = 0;
    double reasoningSeconds = 0;
    double promptTokensPerSecond = 0;
    double tokensPerSecond = 0;
    double totalSeconds = 0;
    QString stopReason;          // end_of_generation, max_tokens, stop_string, cancelled
};

Q_DECLARE_METATYPE(PromptMessage)
Q_DECLARE_METATYPE(GenerationSettings)
Q_DECLARE_METATYPE(ModelSummary)
Q_DECLARE_METATYPE(GenerationStats)
