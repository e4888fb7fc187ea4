#include "inference_worker.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine_errors.h"
#include "gpu_choice.h"
#include "ponder/assistant.h"
#include "ponder/gguf.h"
#include "ponder/gpu.h"

Q_LOGGING_CATEGORY(lcInference, "ponder.inference")

namespace {

ponder::ChatRole toRole(PromptMessage::Role role) {
    switch (role) {
    case PromptMessage::Role::System: return ponder::ChatRole::System;
    case PromptMessage::Role::Assistant: return ponder::ChatRole::Assistant;
    case PromptMessage::Role::User: break;
    }
    return ponder::ChatRole::User;
}

ponder::SamplingOverrides toOverrides(const GenerationSettings& s) {
    ponder::SamplingOverrides o;
    if (s.temperature >= 0) o.temperature = static_cast<float>(s.temperature);
    if (s.topK >= 0) o.topK = s.topK;
    if (s.topP >= 0) o.topP = static_cast<float>(s.topP);
    if (s.minP >= 0) o.minP = static_cast<float>(s.minP);
    if (s.repeatPenalty >= 0) o.repeatPenalty = static_cast<float>(s.repeatPenalty);
    if (s.seed >= 0) o.seed = static_cast<uint32_t>(s.seed);
    return o;
}

QString stopReasonName(ponder::StopReason r) {
    switch (r) {
    case ponder::StopReason::EndOfGeneration: return QStringLiteral("end_of_generation");
    case ponder::StopReason::MaxTokens: return QStringLiteral("max_tokens");
    case ponder::StopReason::StopString: return QStringLiteral("stop_string");
    case ponder::StopReason::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

ModelSummary summarize(const QString& path, const ponder::Assistant& assistant) {
    const ponder::Model& model = assistant.model();
    const ponder::HyperParams& hp = model.hparams();
    ModelSummary s;
    s.path = path;
    s.fileBytes = QFileInfo(path).size();
    if (auto name = model.file().getString("general.name")) s.name = QString::fromStdString(*name);
    if (s.name.isEmpty()) s.name = QFileInfo(path).completeBaseName();
    s.architecture = QString::fromStdString(hp.archName);
    const ponder::ParameterCounts counts = model.parameterCounts();
    s.parameters = static_cast<qint64>(counts.total);
    s.activeParameters = static_cast<qint64>(counts.activePerToken);
    s.experts = static_cast<int>(hp.nExpert);
    s.expertsUsed = static_cast<int>(hp.nExpertUsed);
    s.contextLength = static_cast<int>(assistant.contextLength());
    s.trainedContextLength = static_cast<int>(hp.nCtxTrain);
    s.chatFormat = QString::fromLatin1(ponder::chatFamilyName(assistant.chatTemplate().family));
    // The quantization people recognise is that of the bulk of the weights.
    std::map<std::string, uint64_t> bytesByType;
    for (const auto& t : model.file().tensors()) {
        bytesByType[std::string(ponder::tensorTypeName(t.type))] += t.byteSize;
    }
    uint64_t best = 0;
    for (const auto& [name, bytes] : bytesByType) {
        if (bytes > best) {
            best = bytes;
            s.quantization = QString::fromStdString(name);
        }
    }
    return s;
}

}  // namespace

InferenceWorker::InferenceWorker(CancelState* cancel, QObject* parent) : QObject(parent), m_cancel(cancel) {}

InferenceWorker::~InferenceWorker() = default;

ponder::Result<std::unique_ptr<ponder::Assistant>> InferenceWorker::openOnGpu(const QString& path,
                                                                             uint32_t contextLength, int gpuIndex,
                                                                             const QString& gpuName,
                                                                             QString* deviceName) {
    auto gpus = ponder::listGpus();
    if (!gpus) return gpus.error();
    auto gpu = resolveGpuChoice(*gpus, gpuIndex, gpuName);
    if (!gpu) return gpu.error();
    ponder::AssistantOptions options;
    options.session.contextLength = contextLength;
    options.session.backend = ponder::Backend::Vulkan;
    options.session.device = std::to_string(gpu->index);
    options.session.deviceMemoryBudget = m_gpuMemoryBudget;
    // The upload reports often; a percent step is all a progress bar can show.
    auto lastPercent = std::make_shared<int>(-1);
    options.session.uploadProgress = [this, lastPercent](float fraction) {
        const int percent = static_cast<int>(fraction * 100.0f);
        if (percent == *lastPercent) return;
        *lastPercent = percent;
        emit loadProgress(fraction);
    };
    *deviceName = QString::fromStdString(gpu->name);
    return ponder::Assistant::open(path.toStdString(), options);
}

void InferenceWorker::loadModel(const QString& path, int contextLength, int gpuIndex, const QString& gpuName) {
    emit loadStarted(path);
    m_assistant.reset();  // free the old model first: two big models may not fit together
    const uint32_t context = contextLength > 0 ? static_cast<uint32_t>(contextLength) : 0;
    QString device;
    QString note;
    if (gpuIndex != GpuChoice::CpuOnly) {
        auto onGpu = openOnGpu(path, context, gpuIndex, gpuName, &device);
        if (onGpu) {
            m_assistant = std::move(*onGpu);
        } else {
            using ponder::ErrorCode;
            const ErrorCode code = onGpu.error().code;
            qCWarning(lcInference) << "GPU load of" << path << "failed:" << onGpu.error().message.c_str();
            // A damaged or missing file fails the same way on the CPU: say so once.
            if (code != ErrorCode::Unsupported && code != ErrorCode::NoDevice && code != ErrorCode::OutOfMemory &&
                code != ErrorCode::VulkanError && code != ErrorCode::DeviceLost) {
                emit loadFailed(path, describeEngineError(onGpu.error()));
                return;
            }
            note = describeGpuFallback(onGpu.error());
        }
    }
    if (!m_assistant) {
        ponder::AssistantOptions options;
        options.session.contextLength = context;
        auto onCpu = ponder::Assistant::open(path.toStdString(), options);
        if (!onCpu) {
            qCWarning(lcInference) << "loading" << path << "failed:" << onCpu.error().message.c_str();
            emit loadFailed(path, describeEngineError(onCpu.error()));
            return;
        }
        m_assistant = std::move(*onCpu);
        device = tr("CPU");
    }
    ModelSummary summary = summarize(path, *m_assistant);
    summary.device = device;
    summary.deviceNote = note;
    emit modelLoaded(summary);
}

void InferenceWorker::setGpuMemoryBudget(quint64 bytes) { m_gpuMemoryBudget = bytes; }

void InferenceWorker::unloadModel() {
    m_assistant.reset();
    emit modelUnloaded();
}

void InferenceWorker::generate(quint64 requestId, const QList<PromptMessage>& conversation,
                               const GenerationSettings& settings) {
    if (!m_assistant) {
        emit generationFailed(requestId, tr("No model is loaded."));
        return;
    }
    // Clear the flag before looking at `through`: a cancel that lands after the check then
    // sets the flag again and is honoured at the next token.
    m_cancel->current.store(false);
    if (requestId <= m_cancel->through.load()) {
        GenerationStats cancelled;
        cancelled.stopReason = QStringLiteral("cancelled");
        emit generationFinished(requestId, cancelled);
        return;
    }
    emit generationStarted(requestId);
    std::vector<ponder::ChatMessage> messages;
    messages.reserve(conversation.size());
    for (const PromptMessage& m : conversation) {
        messages.push_back({toRole(m.role), m.content.toStdString(), m.reasoning.toStdString()});
    }
    ponder::TurnOptions options;
    options.sampling = toOverrides(settings);
    options.maxTokens = settings.maxTokens;
    options.enableThinking = settings.enableThinking;
    options.cancel = &m_cancel->current;

    QElapsedTimer clock;
    clock.start();
    ponder::TurnCallbacks callbacks;
    auto throttle = [&] {
        if (settings.tokenDelayMs > 0) QThread::msleep(static_cast<unsigned long>(settings.tokenDelayMs));
    };
    callbacks.onReasoning = [&](std::string_view text) {
        emit reasoningDelta(requestId, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
        throttle();
    };
    callbacks.onReasoningEnd = [&] { emit reasoningEnded(requestId, clock.elapsed() / 1000.0); };
    callbacks.onAnswer = [&](std::string_view text) {
        emit answerDelta(requestId, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
        throttle();
    };
    auto result = m_assistant->reply(messages, options, callbacks);
    if (!result) {
        emit generationFailed(requestId, describeEngineError(result.error()));
        // A lost GPU cannot run this model again; the next load makes a new device.
        if (result.error().code == ponder::ErrorCode::DeviceLost) unloadModel();
        return;
    }
    GenerationStats stats;
    stats.promptTokens = result->promptTokens;
    stats.promptTokensEvaluated = result->promptTokensEvaluated;
    stats.generatedTokens = result->generation.timings.generatedTokens;
    stats.reasoningTokens = result->reasoningTokens;
    stats.reasoningSeconds = result->reasoningSeconds;
    stats.promptTokensPerSecond = result->generation.timings.promptTokensPerSecond();
    stats.tokensPerSecond = result->generation.timings.generatedTokensPerSecond();
    stats.totalSeconds = clock.elapsed() / 1000.0;
    stats.stopReason = stopReasonName(result->generation.stopReason);
    emit generationFinished(requestId, stats);
}
