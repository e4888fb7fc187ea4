// Document Q&A in the chat, end to end below the QML: a collection indexed in the background
// from a generated corpus (a three-page PDF among text files), a chat attached to it before
// its first message, the scripted model (real engine, inference thread) answering with [1];
// the citation must map back to the PDF's page and lines and survive a restart. A question
// the documents cannot answer gets Ponder's sentence, not a generated answer.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "docs_test_util.h"
#include "model_gen.h"
#include "scripted_model.h"
#include "simple_pdf.h"

namespace {

QVariant cell(QAbstractItemModel* model, int row, int role) { return model->index(row, 0).data(role); }

// Reasoning, then an answer that cites the first passage.
std::vector<std::string> citingScript() {
    return {"The passages mention Europa.", "</think>", "\n\n", "Europa hides a salty ocean ",
            "under its ice shell [1]."};
}

// Page 2, line 3 holds the fact; the other pages are about something else entirely.
QList<QStringList> spacePages() {
    return {{QStringLiteral("Mission log"), QStringLiteral("Launch windows open every 26 months.")},
            {QStringLiteral("Moons of Jupiter"), QStringLiteral("Io has active volcanoes."),
             QStringLiteral("Europa hides a salty ocean under its ice shell."),
             QStringLiteral("Ganymede is the largest moon.")},
            {QStringLiteral("Appendix"), QStringLiteral("Telemetry tables follow.")}};
}

}  // namespace

class TstDocsChat : public QObject {
    Q_OBJECT

    QTemporaryDir m_modelDir;
    QString m_model;

    std::unique_ptr<ChatController> open(const QString& dir, bool loadModel) {
        auto c = std::make_unique<ChatController>(dir);
        if (!loadModel) return c;
        c->settings()->setContextLength(1024);
        QSignalSpy loaded(c->model(), &ModelManager::modelLoaded);
        c->model()->open(m_model);
        if (!loaded.wait(60000)) return nullptr;
        return c;
    }

    // A collection "Space" holding @p folder, indexed (at least @p files of its files);
    // returns its id (0 on failure).
    static qint64 indexedCollection(DocumentsController* docs, const QString& folder, int files = 3) {
        const qint64 id = docs->createCollection(QStringLiteral("Space"));
        if (id == 0) return 0;
        QSignalSpy done(docs->library(), &DocumentLibrary::collectionIndexed);
        if (!docs->addUrls(id, {QUrl::fromLocalFile(folder)})) return 0;
        for (int i = 0; i < 20 && docs->collections()->data(docs->collections()->index(docs->collections()->rowOf(id)),
                                                               CollectionListModel::IndexedRole)
                                          .toInt() < files;
             ++i)
            done.wait(5000);
        return id;
    }

    static int lastAssistantRow(MessageListModel* m) {
        for (int r = m->count() - 1; r >= 0; --r)
            if (cell(m, r, MessageListModel::RoleRole).toString() == QLatin1String("assistant")) return r;
        return -1;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_modelDir.isValid());
        m_model = m_modelDir.filePath(QStringLiteral("scripted.gguf"));
        auto written = ponder::testgen::writeScriptedModel(m_model.toStdString(), citingScript());
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    }

    void citationMapsToPageAndSurvivesRestart() {
        QTemporaryDir dir;
        const QString corpus = dir.filePath(QStringLiteral("corpus"));
        QVERIFY(QDir().mkpath(corpus));
        QVERIFY(simplepdf::write(corpus + QStringLiteral("/space.pdf"), spacePages()));
        for (const auto& [name, text] : labelledCorpus())
            // astronomy.md says the same of Europa: the PDF must be the only source.
            if (!name.contains(u'/') && !name.startsWith(QLatin1String("astronomy"))) QVERIFY(writeFile(corpus + u'/' + name, text.toUtf8()));
        const QString data = dir.filePath(QStringLiteral("data"));
        qint64 conversation = 0;
        qint64 answerId = 0;
        QString content;
        qint64 collection = 0;
        {
            auto c = open(data, true);
            QVERIFY(c);
            DocumentsController* docs = c->documents();
            collection = indexedCollection(docs, corpus);
            QVERIFY(collection > 0);
            // Chosen before the chat exists: the first message creates it with the collection.
            QVERIFY(docs->setAttached(0, collection, true));
            QVERIFY(c->send(QStringLiteral("Which moon hides a salty ocean?")));
            QSignalSpy ended(c.get(), &ChatController::answerEnded);
            QVERIFY(!c->generating() || ended.wait(60000));
            conversation = c->currentConversationId();
            QCOMPARE(docs->attachedCollections(conversation), QVariantList{collection});
            QVERIFY(docs->attachedCollections(0).isEmpty());
            const int row = lastAssistantRow(c->messages());
            QVERIFY(row >= 0);
            answerId = cell(c->messages(), row, MessageListModel::IdRole).toLongLong();
            content = cell(c->messages(), row, MessageListModel::ContentRole).toString();
            QVERIFY2(content.contains(QLatin1String("[1]")), qPrintable(content));
            // The passages went into the prompt: far more tokens than the bare question.
            QVERIFY(cell(c->messages(), row, MessageListModel::PromptTokensRole).toLongLong() > 60);
        }
        // A new controller on the same folder: the citation comes from the database.
        auto c = open(data, false);
        QVERIFY(c->ready());
        const QVariantList cites = c->documents()->citations(answerId, content);
        QCOMPARE(cites.size(), 1);
        const QVariantMap first = cites.first().toMap();
        QCOMPARE(first.value(QStringLiteral("number")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("fileName")).toString(), QStringLiteral("space.pdf"));
        QCOMPARE(first.value(QStringLiteral("page")).toInt(), 2);
        QVERIFY(first.value(QStringLiteral("lineStart")).toInt() <= 3);
        QVERIFY(first.value(QStringLiteral("lineEnd")).toInt() >= 3);
        QVERIFY(first.value(QStringLiteral("text")).toString().contains(QLatin1String("salty ocean")));
        QVERIFY(first.value(QStringLiteral("url")).toUrl().isLocalFile());
        QVERIFY(QFileInfo::exists(first.value(QStringLiteral("url")).toUrl().toLocalFile()));
        QCOMPARE(c->documents()->attachedCollections(conversation), QVariantList{collection});
        // Only what the text refers to: an answer without [n] shows no citation.
        QVERIFY(c->documents()->citations(answerId, QStringLiteral("no reference")).isEmpty());
    }

    void nothingRelevantIsSaidNotInvented() {
        QTemporaryDir dir;
        const QString corpus = dir.filePath(QStringLiteral("corpus"));
        QVERIFY(QDir().mkpath(corpus));
        QVERIFY(simplepdf::write(corpus + QStringLiteral("/space.pdf"), spacePages()));
        QVERIFY(writeFile(corpus + QStringLiteral("/cooking.txt"), "Knead the dough for ten minutes.\n"));
        QVERIFY(writeFile(corpus + QStringLiteral("/garden.txt"), "Plant garlic cloves in autumn.\n"));
        auto c = open(dir.filePath(QStringLiteral("data")), true);
        QVERIFY(c);
        const qint64 collection = indexedCollection(c->documents(), corpus);
        QVERIFY(collection > 0);
        QVERIFY(c->documents()->setAttached(0, collection, true));
        QSignalSpy ended(c.get(), &ChatController::answerEnded);
        QVERIFY(c->send(QStringLiteral("What is the boiling point of mercury?")));
        // The search runs on its own thread; the answer's row waits for it.
        QVERIFY(c->searchingDocuments());
        QVERIFY(ended.wait(30000));
        QVERIFY(!c->generating());
        const int row = lastAssistantRow(c->messages());
        QVERIFY(row >= 0);
        const QString content = cell(c->messages(), row, MessageListModel::ContentRole).toString();
        QVERIFY2(content.contains(QLatin1String("contain nothing")), qPrintable(content));
        QCOMPARE(cell(c->messages(), row, MessageListModel::StateRole).toString(), QStringLiteral("complete"));
        // Said by Ponder, not generated: the model saw no prompt.
        QCOMPARE(cell(c->messages(), row, MessageListModel::PromptTokensRole).toLongLong(), 0);
        // Detached, the same chat is answered by the model again.
        QVERIFY(c->documents()->setAttached(c->currentConversationId(), collection, false));
        QVERIFY(c->send(QStringLiteral("Tell me anyway.")));
        QVERIFY(c->generating());
        QVERIFY(!c->searchingDocuments());
        QVERIFY(ended.wait(60000));
        const int next = lastAssistantRow(c->messages());
        QVERIFY(cell(c->messages(), next, MessageListModel::ContentRole).toString().contains(QLatin1String("Europa")));
    }

    // Stop while the documents are searched: the empty answer is kept as stopped, no
    // generation starts, and the search's late result changes nothing.
    void stopWhileSearching() {
        QTemporaryDir dir;
        const QString corpus = dir.filePath(QStringLiteral("corpus"));
        QVERIFY(QDir().mkpath(corpus));
        QVERIFY(simplepdf::write(corpus + QStringLiteral("/space.pdf"), spacePages()));
        auto c = open(dir.filePath(QStringLiteral("data")), true);
        QVERIFY(c);
        const qint64 collection = indexedCollection(c->documents(), corpus, 1);
        QVERIFY(collection > 0);
        QVERIFY(c->documents()->setAttached(0, collection, true));
        QSignalSpy ready(c->documents(), &DocumentsController::contextReady);
        QSignalSpy ended(c.get(), &ChatController::answerEnded);
        QVERIFY(c->send(QStringLiteral("Which moon hides a salty ocean?")));
        QVERIFY(c->searchingDocuments());
        c->stop();
        QVERIFY(!c->generating());
        QCOMPARE(ended.size(), 1);
        QVERIFY(ready.wait(30000));  // the passages arrive after all...
        QTest::qWait(200);
        QVERIFY(!c->generating());  // ...and start nothing
        const int row = lastAssistantRow(c->messages());
        QVERIFY(row >= 0);
        QCOMPARE(cell(c->messages(), row, MessageListModel::StateRole).toString(), QStringLiteral("cancelled"));
        QVERIFY(cell(c->messages(), row, MessageListModel::ContentRole).toString().isEmpty());
        QCOMPARE(ended.size(), 1);
    }

    // An embedding model chosen for a collection in the window: the collection is indexed
    // again with vectors, and the chat's questions are searched by meaning too (on the
    // retrieval thread, through the engine: lavapipe here). Clearing it drops the vectors.
    void embeddingModelSearchesByMeaning() {
        QTemporaryDir dir;
        const QString embedModel = dir.filePath(QStringLiteral("qwen3-embedding.gguf"));
        const auto written = ponder::testgen::writeModel(ponder::testgen::tinyEmbeddingSpec(11), embedModel.toStdString());
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        const QString corpus = dir.filePath(QStringLiteral("corpus"));
        QVERIFY(QDir().mkpath(corpus));
        QVERIFY(simplepdf::write(corpus + QStringLiteral("/space.pdf"), spacePages()));
        QVERIFY(writeFile(corpus + QStringLiteral("/garden.txt"), "Plant garlic cloves in autumn.\n"));
        auto c = open(dir.filePath(QStringLiteral("data")), true);
        QVERIFY(c);
        DocumentsController* docs = c->documents();
        const qint64 collection = indexedCollection(docs, corpus, 2);
        QVERIFY(collection > 0);
        CollectionListModel* cols = docs->collections();
        const auto role = [&](int r) { return cols->data(cols->index(cols->rowOf(collection)), r); };
        const qint64 chunks = role(CollectionListModel::ChunksRole).toLongLong();
        QVERIFY(chunks >= 2);
        QCOMPARE(role(CollectionListModel::EmbeddedRole).toLongLong(), 0);

        QVERIFY(!docs->setEmbeddingModel(collection, dir.filePath(QStringLiteral("missing.gguf"))));
        QVERIFY(docs->error().contains(QLatin1String("missing.gguf")));
        QSignalSpy indexed(docs->library(), &DocumentLibrary::collectionIndexed);
        QVERIFY(docs->setEmbeddingModel(collection, QUrl::fromLocalFile(embedModel).toString()));
        QCOMPARE(role(CollectionListModel::EmbeddingModelRole).toString(), QFileInfo(embedModel).absoluteFilePath());
        for (int i = 0; i < 60 && role(CollectionListModel::EmbeddedRole).toLongLong() < chunks; ++i) indexed.wait(2000);
        QCOMPARE(role(CollectionListModel::EmbeddedRole).toLongLong(), chunks);
        QCOMPARE(role(CollectionListModel::ChunksRole).toLongLong(), chunks);

        // The retrieval thread embeds the question: the dense ranking takes part.
        QVERIFY(docs->setAttached(0, collection, true));
        QVERIFY(c->send(QStringLiteral("Which moon hides a salty ocean?")));
        const qint64 conversation = c->currentConversationId();
        QSignalSpy ended(c.get(), &ChatController::answerEnded);
        QVERIFY(ended.wait(60000));
        QVERIFY(!c->generating());
        const int row = lastAssistantRow(c->messages());
        QVERIFY2(cell(c->messages(), row, MessageListModel::ContentRole).toString().contains(QLatin1String("[1]")),
                 qPrintable(cell(c->messages(), row, MessageListModel::ContentRole).toString()));
        QSignalSpy ready(docs, &DocumentsController::contextReady);
        const quint64 id = docs->requestContext(conversation, QStringLiteral("salty ocean"), 1000);
        QVERIFY(id != 0);
        QVERIFY(ready.wait(60000));
        QCOMPARE(ready.last().at(0).toULongLong(), id);
        QVERIFY(ready.last().at(2).toString().isEmpty());
        const DocsContext ctx = ready.last().at(1).value<DocsContext>();
        QVERIFY(ctx.dense);
        QVERIFY(!ctx.citations.isEmpty());
        QCOMPARE(QFileInfo(ctx.citations.first().path).fileName(), QStringLiteral("space.pdf"));

        // Words only again: the vectors go, the text index stays.
        QVERIFY(docs->setEmbeddingModel(collection, QString()));
        QVERIFY(role(CollectionListModel::EmbeddingModelRole).toString().isEmpty());
        QCOMPARE(role(CollectionListModel::EmbeddedRole).toLongLong(), 0);
        for (int i = 0; i < 30 && role(CollectionListModel::PendingRole).toInt() > 0; ++i) indexed.wait(2000);
        QCOMPARE(role(CollectionListModel::ChunksRole).toLongLong(), chunks);
        const quint64 bm25Only = docs->requestContext(conversation, QStringLiteral("salty ocean"), 1000);
        QVERIFY(ready.wait(30000));
        QCOMPARE(ready.last().at(0).toULongLong(), bm25Only);
        QVERIFY(!ready.last().at(1).value<DocsContext>().dense);
        QVERIFY(!ready.last().at(1).value<DocsContext>().citations.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstDocsChat)
#include "tst_docs_chat.moc"
