// The window's document parts, loaded on a data folder prepared like a previous session left
// it: a collection with an indexed file and an encrypted PDF, a chat attached to it whose
// answer cites page 2 of a file. The [1] under the answer opens the side panel with file,
// page and lines; the Documents dialog lists the files with their states; no QML warning.
#include <QtQml/qqmlextensionplugin.h>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

#include "chat_controller.h"
#include "citation_store.h"
#include "conversation_store.h"
#include "database.h"
#include "docs_store.h"
#include "quick_setup.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

namespace {

// Delegates hang in the visual tree, not always under their QObject parent: walk childItems.
void collect(QQuickItem* root, const QString& name, QList<QQuickItem*>& out) {
    if (!root) return;
    if (root->objectName() == name) out << root;
    for (QQuickItem* child : root->childItems()) collect(child, name, out);
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

}  // namespace

class TstDocsView : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    ChatController* m_controller = nullptr;
    QQmlApplicationEngine* m_engine = nullptr;
    QQuickWindow* m_window = nullptr;
    QList<QQmlError> m_warnings;
    qint64 m_conversation = 0;

    // Popups (the dialog, the panel) by QObject name; visual items through the visual tree,
    // the overlay (where open popups put their content) included.
    template <typename T = QQuickItem>
    T* find(const char* name) const {
        if (T* direct = m_window->findChild<T*>(QString::fromLatin1(name))) return direct;
        const QList<QQuickItem*> all = items(name);
        return all.isEmpty() ? nullptr : qobject_cast<T*>(all.first());
    }

    QList<QQuickItem*> items(const char* name) const {
        QList<QQuickItem*> out;
        collect(m_window->contentItem()->parentItem() ? m_window->contentItem()->parentItem() : m_window->contentItem(),
                QString::fromLatin1(name), out);
        return out;
    }

    void click(QQuickItem* item) {
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, c.toPoint());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString data = m_dir.filePath(QStringLiteral("data"));
        // The files in a folder of their own: the data folder must not be indexed too.
        const QString folder = m_dir.filePath(QStringLiteral("docs"));
        QVERIFY(QDir().mkpath(folder));
        const QString notes = folder + QStringLiteral("/notes.md");
        QVERIFY(writeBytes(notes, "# Moons\n\nIo has volcanoes.\nEuropa hides an ocean.\n"));
        QVERIFY(writeBytes(folder + QStringLiteral("/locked.pdf"), "%PDF-1.4\nnot really a pdf"));
        {
            Database db(data);
            QVERIFY(db.open().isOk());
            ConversationStore store(db);
            DocsStore docs(db);
            const Result<qint64> col = docs.createCollection(QStringLiteral("Space"));
            QVERIFY(col.isOk());
            const Result<qint64> src = docs.addSource(col.value(), folder, true);
            QVERIFY(src.isOk());
            const Result<qint64> conv = store.createConversation(QStringLiteral("Moons"));
            QVERIFY(conv.isOk());
            m_conversation = conv.value();
            QVERIFY(docs.attach(m_conversation, col.value()).isOk());
            NewMessage user{m_conversation, 0, QStringLiteral("user"), QStringLiteral("Which moon has an ocean?")};
            const Result<qint64> u = store.appendMessage(user);
            QVERIFY(u.isOk());
            NewMessage answer{m_conversation, u.value(), QStringLiteral("assistant"),
                              QStringLiteral("Europa hides an ocean [1].")};
            const Result<qint64> a = store.appendMessage(answer);
            QVERIFY(a.isOk());
            QVERIFY(citationstore::save(db, a.value(), {{1, notes, 2, 3, 4, QStringLiteral("Europa hides an ocean."), 0}})
                        .isOk());
        }
        ponder::ui::configureQuickStyle();
        m_engine = new QQmlApplicationEngine(this);
        connect(m_engine, &QQmlEngine::warnings, this, [this](const QList<QQmlError>& w) { m_warnings += w; });
        ponder::ui::configureEngine(*m_engine);
        m_controller = new ChatController(data, this);
        m_engine->setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(m_controller)}});
        m_engine->load(QUrl(QString::fromLatin1(ponder::ui::mainQmlUrl)));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void citationOpensThePassage() {
        m_controller->selectChat(m_conversation);
        QTRY_COMPARE(m_controller->messages()->count(), 2);
        const qint64 answerId = m_controller->messages()->index(1).data(MessageListModel::IdRole).toLongLong();
        QCOMPARE(m_controller->documents()->citations(answerId, QStringLiteral("[1]")).size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(find("citation1") && find("citation1")->isVisible(), 5000);
        QQuickItem* button = find("citation1");
        QCOMPARE(button->property("text").toString(), QStringLiteral("[1] notes.md, p. 2"));
        QTRY_VERIFY(button->width() > 0);
        click(button);
        QObject* panel = find<QObject>("citationPanel");
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->property("opened").toBool(), 5000);
        QCOMPARE(find("citationWhere")->property("text").toString(), QStringLiteral("Page 2, lines 3–4"));
        QCOMPARE(find("citationText")->property("text").toString(), QStringLiteral("Europa hides an ocean."));
        QVERIFY(find("openCitedFileButton")->isEnabled());
        QMetaObject::invokeMethod(panel, "close");
        QTRY_VERIFY(!panel->property("visible").toBool());
        QCOMPARE(find("attachCollectionsButton")->property("text").toString(), QStringLiteral("Documents: 1"));

        // The [1] in the answer's text is a link to the same passage.
        QQuickItem* prose = nullptr;
        for (QQuickItem* t : items("proseText"))
            if (t->property("text").toString().contains(QLatin1String("ponder-cite:1"))) prose = t;
        QVERIFY(prose);
        QVERIFY(QMetaObject::invokeMethod(prose, "linkActivated", Q_ARG(QString, QStringLiteral("ponder-cite:1"))));
        QTRY_VERIFY_WITH_TIMEOUT(panel->property("opened").toBool(), 5000);
        QCOMPARE(find("citationTitle")->property("text").toString(), QStringLiteral("[1] notes.md"));
        QMetaObject::invokeMethod(panel, "close");
        QTRY_VERIFY(!panel->property("visible").toBool());
    }

    void documentsDialogListsFilesWithTheirState() {
        QObject* dialog = find<QObject>("documentsDialog");
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        QTRY_VERIFY(dialog->property("opened").toBool());
        QQuickItem* collections = find("collectionList");
        QVERIFY(collections);
        QCOMPARE(collections->property("count").toInt(), 1);
        m_controller->documents()->selectCollection(m_controller->documents()->collections()
                                                        ->index(0)
                                                        .data(CollectionListModel::IdRole)
                                                        .toLongLong());
        QQuickItem* list = find("documentList");
        QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 2, 10000);
        // The indexing the previous session left undone ran at start.
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->documents()->library()->isIndexing() &&
                                     m_controller->documents()->collections()->index(0).data(CollectionListModel::PendingRole).toInt() == 0,
                                 20000);
        QStringList states;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                states.clear();
                for (QQuickItem* label : items("documentState"))
                    if (label->isVisible()) states << label->property("text").toString();
                states.sort();
                return states.size() == 2 && states[0].startsWith(QLatin1String("Indexed")) &&
                       states[1].startsWith(QLatin1String("Skipped: "));
            }(),
            10000);
        QVERIFY(find("addFolderButton")->isEnabled());

        // Search by meaning: the collection's embedding model is shown and can be dropped. A
        // file that is no GGUF model is refused by the indexer, which says so in the dialog.
        QQuickItem* embedding = find("embeddingModelLabel");
        QVERIFY(embedding && embedding->isVisible());
        QVERIFY2(embedding->property("text").toString().startsWith(QLatin1String("Search by words only")),
                 qPrintable(embedding->property("text").toString()));
        QVERIFY(!find("clearEmbeddingModelButton")->isVisible());
        const qint64 id = m_controller->documents()->currentCollectionId();
        const QString notModel = m_dir.filePath(QStringLiteral("docs/notes.md"));
        QVERIFY(m_controller->documents()->setEmbeddingModel(id, notModel));
        QTRY_VERIFY(embedding->property("text").toString().startsWith(QLatin1String("Search by words and meaning: notes.md")));
        QTRY_VERIFY_WITH_TIMEOUT(find("documentsError")->property("text").toString().contains(QLatin1String("embedding model")),
                                 20000);
        QVERIFY(find("clearEmbeddingModelButton")->isVisible());
        click(find("clearEmbeddingModelButton"));
        QTRY_VERIFY(embedding->property("text").toString().startsWith(QLatin1String("Search by words only")));
        QVERIFY(m_controller->documents()->collections()->index(0).data(CollectionListModel::EmbeddingModelRole).toString().isEmpty());
        QMetaObject::invokeMethod(dialog, "close");
    }

    void noQmlWarnings() { QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.value(0).toString())); }

    void cleanupTestCase() {
        delete m_engine;
        m_engine = nullptr;
    }
};

QTEST_MAIN(TstDocsView)
#include "tst_docs_view.moc"
