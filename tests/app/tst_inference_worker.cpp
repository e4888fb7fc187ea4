// The inference worker through its UI-thread handle: loading (and failing to load) models,
// streaming a generation as queued signals, cancelling without blocking, and agreeing with
// the engine called directly on the same model and settings.
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app_settings.h"
#include "inference_service.h"
#include "model_manager.h"
#include "model_gen.h"
#include "ponder/assistant.h"
#include "ponder/gpu.h"
#include "vk/batch.h"

class TestInferenceWorker : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_model;

    QString loadedModel(InferenceService& service, int gpuIndex = GpuChoice::CpuOnly) {
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        QSignalSpy failed(&service, &InferenceService::loadFailed);
        service.loadModel(m_model, 128, gpuIndex);
        if (!loaded.wait(60000)) return failed.isEmpty() ? QStringLiteral("timeout") : failed.first().at(1).toString();
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("tiny-qwen3moe.gguf");
        ponder::testgen::ModelSpec spec;
        spec.arch = "qwen3moe";
        spec.nEmbd = 64;
        spec.nLayer = 2;
        spec.nFf = 64;
        spec.seed = 7;
        auto written = ponder::testgen::writeModel(spec, m_model.toStdString());
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    }

    void loadReportsTheModel() {
        InferenceService service;
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(m_model, 128);
        QVERIFY(loaded.wait(60000));
        const auto summary = loaded.first().at(0).value<ModelSummary>();
        QCOMPARE(summary.architecture, QStringLiteral("qwen3moe"));
        QCOMPARE(summary.experts, 8);
        QCOMPARE(summary.expertsUsed, 2);
        QCOMPARE(summary.contextLength, 128);
        QVERIFY(summary.parameters > summary.activeParameters);
        QVERIFY(summary.activeParameters > 0);
        QCOMPARE(summary.quantization, QStringLiteral("F32"));
    }

    // By default models go to the GPU Ponder picks, with upload progress, and generate there
    // exactly what the engine's own Vulkan session generates.
    void loadsOnTheGpuByDefault() {
        auto gpus = ponder::listGpus();
        QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
        auto best = ponder::chooseGpu(*gpus, std::nullopt);
        QVERIFY(best.ok());
        InferenceService service;
        QSignalSpy progress(&service, &InferenceService::loadProgress);
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(m_model, 128);
        QVERIFY(loaded.wait(120000));
        const auto summary = loaded.first().at(0).value<ModelSummary>();
        QCOMPARE(summary.device, QString::fromStdString(best->name));
        QVERIFY2(summary.deviceNote.isEmpty(), qPrintable(summary.deviceNote));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);

        GenerationSettings settings;
        settings.temperature = 0;
        settings.maxTokens = 8;
        QString streamed;
        connect(&service, &InferenceService::answerDelta, this, [&](quint64, const QString& t) { streamed += t; });
        connect(&service, &InferenceService::reasoningDelta, this, [&](quint64, const QString& t) { streamed += t; });
        QSignalSpy finished(&service, &InferenceService::generationFinished);
        const QList<PromptMessage> conversation{{PromptMessage::Role::User, "Hello there.", {}}};
        service.generate(conversation, settings);
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.first().at(1).value<GenerationStats>().generatedTokens > 0);

        ponder::AssistantOptions options;
        options.session.contextLength = 128;
        options.session.backend = ponder::Backend::Vulkan;
        options.session.device = std::to_string(best->index);
        auto assistant = ponder::Assistant::open(m_model.toStdString(), options);
        QVERIFY2(assistant.ok(), assistant.ok() ? "" : assistant.error().message.c_str());
        ponder::TurnOptions turn;
        turn.sampling.temperature = 0.0f;
        turn.maxTokens = 8;
        const std::vector<ponder::ChatMessage> direct{{ponder::ChatRole::User, "Hello there.", {}}};
        auto result = (*assistant)->reply(direct, turn, {});
        QVERIFY(result.ok());
        QCOMPARE(streamed, QString::fromStdString(result->reasoning + result->answer));
    }

    // A GPU lost mid-answer (as after a driver reset): the answer fails with a sentence, the
    // model is unloaded instead of being used on a dead device, and opening it again works.
    void lostGpuUnloadsTheModelAndTheAppGoesOn() {
        InferenceService service;
        QString err = loadedModel(service, GpuChoice::Automatic);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        GenerationSettings settings;
        settings.temperature = 0;
        settings.maxTokens = 8;
        const QList<PromptMessage> conversation{{PromptMessage::Role::User, "Hello there.", {}}};

        QSignalSpy failed(&service, &InferenceService::generationFailed);
        QSignalSpy unloaded(&service, &InferenceService::modelUnloaded);
        ponder::vk::simulateDeviceLossAfter(1);  // the prompt goes through, a later step fails
        service.generate(conversation, settings);
        const bool gotFailure = failed.wait(60000);
        ponder::vk::simulateDeviceLossAfter(-1);
        QVERIFY(gotFailure);
        QVERIFY2(failed.first().at(1).toString().contains("GPU stopped responding"),
                 qPrintable(failed.first().at(1).toString()));
        QTRY_COMPARE(unloaded.count(), 1);

        service.generate(conversation, settings);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.last().at(1).toString().contains("No model"), qPrintable(failed.last().at(1).toString()));

        err = loadedModel(service, GpuChoice::Automatic);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QSignalSpy finished(&service, &InferenceService::generationFinished);
        service.generate(conversation, settings);
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().at(1).value<GenerationStats>().generatedTokens > 0);
    }

    // The model manager as the UI sees it: upload progress while the model goes to the GPU; after
    // a lost GPU it says so (not that the user closed the model) and reopens the model, on the
    // CPU when asked, for this once.
    void modelManagerReopensAfterALostGpu() {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        AppSettings settings(data.path());
        settings.setContextLength(128);
        InferenceService service;
        ModelManager manager(service, settings);
        QSignalSpy loaded(&manager, &ModelManager::modelLoaded);
        // What the header button and the panel's bar show while the weights go to the GPU.
        QList<double> progress;
        connect(&manager, &ModelManager::loadProgressChanged, this, [&] { progress << manager.loadProgress(); });
        manager.open(m_model);
        QVERIFY(loaded.wait(60000));
        QVERIFY2(manager.device() != QStringLiteral("CPU"), qPrintable(manager.deviceNote()));
        QVERIFY(!manager.gpuLost());
        QVERIFY(progress.size() >= 2);
        QVERIFY(progress.contains(1.0));
        QCOMPARE(manager.loadProgress(), -1.0);  // done: no bar any more

        GenerationSettings generation;
        generation.maxTokens = 8;
        QSignalSpy failed(&service, &InferenceService::generationFailed);
        ponder::vk::simulateDeviceLossAfter(1);
        service.generate({{PromptMessage::Role::User, "Hello there.", {}}}, generation);
        const bool gotFailure = failed.wait(60000);
        ponder::vk::simulateDeviceLossAfter(-1);
        QVERIFY(gotFailure);
        QTRY_VERIFY(manager.gpuLost());
        QVERIFY(!manager.loaded());

        manager.reopen(true);
        QVERIFY(manager.loading());
        QVERIFY(!manager.gpuLost());
        QVERIFY(loaded.wait(60000));
        QCOMPARE(manager.device(), QStringLiteral("CPU"));
        QCOMPARE(settings.gpuIndex(), int(GpuChoice::Automatic));  // the setting is untouched

        manager.reopen(false);
        QVERIFY(loaded.wait(60000));
        QVERIFY(manager.device() != QStringLiteral("CPU"));

        // Closing the model oneself is not a lost GPU.
        QSignalSpy unloaded(&service, &InferenceService::modelUnloaded);
        manager.unload();
        QVERIFY(unloaded.wait(10000));
        QVERIFY(!manager.gpuLost());
    }

    // A device index saved with its name: found by name when the device order changed, and
    // never a different GPU that took the index over (then the CPU, saying why).
    void theChosenGpuIsFoundByName() {
        auto gpus = ponder::listGpus();
        QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
        const ponder::GpuInfo& gpu = gpus->front();
        const QString name = QString::fromStdString(gpu.name);
        InferenceService service;
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(m_model, 128, int(gpus->size()) + 3, name);  // moved to another index
        QVERIFY(loaded.wait(60000));
        QCOMPARE(loaded.last().at(0).value<ModelSummary>().device, name);
        QVERIFY(loaded.last().at(0).value<ModelSummary>().deviceNote.isEmpty());

        service.loadModel(m_model, 128, int(gpu.index), QStringLiteral("Some GPU that was unplugged"));
        QVERIFY(loaded.wait(60000));
        const auto summary = loaded.last().at(0).value<ModelSummary>();
        QCOMPARE(summary.device, QStringLiteral("CPU"));
        QVERIFY2(summary.deviceNote.contains(QStringLiteral("Some GPU that was unplugged")), qPrintable(summary.deviceNote));
    }

    // The settings save the device's name with its index and, once the devices are listed,
    // follow the chosen GPU to its new index so the list shows the device really used.
    void settingsFollowTheChosenGpu() {
        auto gpus = ponder::listGpus();
        QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
        const ponder::GpuInfo& gpu = gpus->front();
        const QString name = QString::fromStdString(gpu.name);
        QTemporaryDir data;
        QVERIFY(data.isValid());
        {
            QSettings ini(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
            ini.setValue(QStringLiteral("model/gpuIndex"), int(gpus->size()) + 3);
            ini.setValue(QStringLiteral("model/gpuName"), name);
        }
        AppSettings settings(data.path());
        QCOMPARE(settings.gpuInUse(), QString());  // not listed yet
        settings.refreshGpus();
        QTRY_COMPARE(settings.gpuIndex(), int(gpu.index));
        QVERIFY2(settings.gpuInUse().startsWith(name), qPrintable(settings.gpuInUse()));

        settings.setGpuIndex(GpuChoice::Automatic);
        QVERIFY(settings.gpuName().isEmpty());
        settings.setGpuIndex(int(gpu.index));
        QCOMPARE(settings.gpuName(), name);
        settings.setGpuIndex(GpuChoice::CpuOnly);
        QVERIFY(settings.gpuName().isEmpty());
        QVERIFY(!settings.gpuInUse().contains(name));
    }

    // A GPU that is not there: the model still opens, on the CPU, and the summary says why.
    void fallsBackToTheCpuAndSaysWhy() {
        InferenceService service;
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(m_model, 128, 97);
        QVERIFY(loaded.wait(60000));
        const auto summary = loaded.first().at(0).value<ModelSummary>();
        QCOMPARE(summary.device, QStringLiteral("CPU"));
        QVERIFY2(summary.deviceNote.contains(QStringLiteral("GPU")), qPrintable(summary.deviceNote));

        QSignalSpy cpu(&service, &InferenceService::modelLoaded);
        service.loadModel(m_model, 128, GpuChoice::CpuOnly);
        QVERIFY(cpu.wait(60000));
        const auto chosen = cpu.first().at(0).value<ModelSummary>();
        QCOMPARE(chosen.device, QStringLiteral("CPU"));
        QVERIFY(chosen.deviceNote.isEmpty());
    }

    // Too little GPU memory (a cap of 1 MiB: the engine's own budget check refuses the model
    // before allocating anything): the model opens on the CPU, generates, and the note carries
    // the engine's reason. Without the cap the same model goes to the GPU again.
    void tooLittleGpuMemoryRunsOnTheCpu() {
        ponder::AssistantOptions options;
        options.session.contextLength = 128;
        options.session.backend = ponder::Backend::Vulkan;
        options.session.deviceMemoryBudget = 1 << 20;
        auto direct = ponder::Assistant::open(m_model.toStdString(), options);
        QVERIFY(!direct.ok());
        QCOMPARE(direct.error().code, ponder::ErrorCode::OutOfMemory);
        const QString path = m_model;
        const QString refused = QString::fromStdString(direct.error().message);

        InferenceService service;
        service.setGpuMemoryBudget(1 << 20);
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        QSignalSpy failed(&service, &InferenceService::loadFailed);
        service.loadModel(path, 128);  // automatic: the GPU is tried first
        QVERIFY2(loaded.wait(60000), failed.isEmpty() ? "timeout" : qPrintable(failed.first().at(1).toString()));
        const auto summary = loaded.first().at(0).value<ModelSummary>();
        QCOMPARE(summary.device, QStringLiteral("CPU"));
        QVERIFY2(summary.deviceNote.contains(refused), qPrintable(summary.deviceNote));

        GenerationSettings settings;
        settings.temperature = 0;
        settings.maxTokens = 4;
        QSignalSpy finished(&service, &InferenceService::generationFinished);
        QSignalSpy genFailed(&service, &InferenceService::generationFailed);
        service.generate({{PromptMessage::Role::User, "Hello.", {}}}, settings);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !genFailed.isEmpty(), 120000);
        QVERIFY2(genFailed.isEmpty(), genFailed.isEmpty() ? "" : qPrintable(genFailed.first().at(1).toString()));
        QVERIFY(finished.first().at(1).value<GenerationStats>().generatedTokens > 0);

        service.setGpuMemoryBudget(0);
        QSignalSpy again(&service, &InferenceService::modelLoaded);
        service.loadModel(path, 128);
        QVERIFY(again.wait(60000));
        QVERIFY(again.first().at(0).value<ModelSummary>().device != QStringLiteral("CPU"));
        QVERIFY(again.first().at(0).value<ModelSummary>().deviceNote.isEmpty());
    }

    void badFilesFailWithASentence() {
        InferenceService service;
        QSignalSpy failed(&service, &InferenceService::loadFailed);
        // A download that stopped half way: the real model cut after 4 KiB.
        const QString truncated = m_dir.filePath("truncated.gguf");
        QFile whole(m_model);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(whole.read(4096));
        f.close();
        service.loadModel(truncated);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().at(1).toString().contains("damaged"), qPrintable(failed.first().at(1).toString()));
        service.loadModel(m_dir.filePath("missing.gguf"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.last().at(1).toString().contains("could not be found"));
    }

    void generateWithoutModelFails() {
        InferenceService service;
        QSignalSpy failed(&service, &InferenceService::generationFailed);
        const quint64 id = service.generate({{PromptMessage::Role::User, "hi", {}}}, {});
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).value<quint64>(), id);
    }

    void streamsTheSameTextAsTheEngine() {
        InferenceService service;
        const QString err = loadedModel(service);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        GenerationSettings settings;
        settings.temperature = 0;  // greedy: deterministic
        settings.maxTokens = 12;
        QString streamed;
        connect(&service, &InferenceService::answerDelta, this,
                [&](quint64, const QString& text) { streamed += text; });
        connect(&service, &InferenceService::reasoningDelta, this,
                [&](quint64, const QString& text) { streamed += text; });
        QSignalSpy finished(&service, &InferenceService::generationFinished);
        const QList<PromptMessage> conversation{{PromptMessage::Role::User, "Tell me something.", {}}};
        const quint64 id = service.generate(conversation, settings);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().at(0).value<quint64>(), id);
        const auto stats = finished.first().at(1).value<GenerationStats>();
        QVERIFY(stats.generatedTokens > 0);
        QVERIFY(stats.promptTokens > 0);

        // The same request straight through the engine, on this thread.
        auto assistant = ponder::Assistant::open(m_model.toStdString(), {{128, ponder::KvCacheType::F16, 0}});
        QVERIFY(assistant.ok());
        ponder::TurnOptions options;
        options.sampling.temperature = 0.0f;
        options.maxTokens = 12;
        const std::vector<ponder::ChatMessage> direct{{ponder::ChatRole::User, "Tell me something.", {}}};
        auto result = (*assistant)->reply(direct, options, {});
        QVERIFY(result.ok());
        QCOMPARE(streamed, QString::fromStdString(result->reasoning + result->answer));

        // A second identical turn reuses the KV cache for the whole prompt but the last token.
        QSignalSpy again(&service, &InferenceService::generationFinished);
        service.generate(conversation, settings);
        QVERIFY(again.wait(120000));
        QCOMPARE(again.first().at(1).value<GenerationStats>().promptTokensEvaluated, 1);
    }

    void cancelStopsBetweenTokensAndCancelsQueuedWork() {
        InferenceService service;
        const QString err = loadedModel(service);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        GenerationSettings settings;
        settings.temperature = 0;
        settings.maxTokens = 100;
        QSignalSpy finished(&service, &InferenceService::generationFinished);
        QSignalSpy started(&service, &InferenceService::generationStarted);
        const QList<PromptMessage> conversation{{PromptMessage::Role::User, "Go on.", {}}};
        const quint64 first = service.generate(conversation, settings);
        const quint64 queued = service.generate(conversation, settings);
        QVERIFY(started.wait(30000));
        QElapsedTimer clock;
        clock.start();
        service.cancel();
        QVERIFY(clock.elapsed() < 100);  // never waits for the worker
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QCOMPARE(finished.at(0).at(0).value<quint64>(), first);
        QCOMPARE(finished.at(0).at(1).value<GenerationStats>().stopReason, QStringLiteral("cancelled"));
        QVERIFY(finished.at(0).at(1).value<GenerationStats>().generatedTokens < 100);
        QCOMPARE(finished.at(1).at(0).value<quint64>(), queued);
        QCOMPARE(finished.at(1).at(1).value<GenerationStats>().stopReason, QStringLiteral("cancelled"));
        QCOMPARE(started.size(), 1);  // the queued request never started
    }
};

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "tst_inference_worker.moc"
