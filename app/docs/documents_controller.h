/// @brief What the window needs of the document index: the Documents view's models and
/// actions, which collections a chat answers from, the cited context of a question, and the
/// citations kept with each answer.
#pragma once

#include "docs_list_models.h"
#include "docs_retriever.h"
#include "docs_store.h"
#include "document_library.h"
#include "retrieval_service.h"

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <QVariantList>

#include <memory>

class Database;

/// Created by ChatController on its database (the main thread's connection); indexing runs
/// in its DocumentLibrary's thread with a connection of its own.
class DocumentsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The chat controller creates it.")
    Q_PROPERTY(CollectionListModel* collections READ collections CONSTANT)
    Q_PROPERTY(DocumentListModel* documents READ documents CONSTANT)
    Q_PROPERTY(DocumentLibrary* library READ library CONSTANT)
    Q_PROPERTY(qint64 currentCollectionId READ currentCollectionId WRITE selectCollection NOTIFY currentCollectionChanged)
    /// The latest problem (a collection name taken, a file gone); empty: none.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    /// @p db may be null or closed: then everything is empty and every action refused.
    DocumentsController(const QString& dataDir, Database* db, QObject* parent = nullptr);
    ~DocumentsController() override;

    CollectionListModel* collections() const { return m_collections; }
    DocumentListModel* documents() const { return m_documents; }
    DocumentLibrary* library() const { return m_library.get(); }
    qint64 currentCollectionId() const { return m_currentCollection; }
    void selectCollection(qint64 collectionId);
    QString error() const { return m_error; }

    /// An empty collection; returns its id, 0 when refused (see error).
    Q_INVOKABLE qint64 createCollection(const QString& name);
    Q_INVOKABLE bool removeCollection(qint64 collectionId);
    /// Adds files or folders (file:// URLs or paths) and indexes them in the background.
    Q_INVOKABLE bool addUrls(qint64 collectionId, const QList<QUrl>& urls);
    /// Removes a document; a file added on its own is forgotten with it, one found in a
    /// watched folder comes back only if the folder is indexed anew and it is still there.
    Q_INVOKABLE bool removeDocument(qint64 documentId);

    /// The ids of the collections @p conversationId answers from (0: the chat not yet created).
    Q_INVOKABLE QVariantList attachedCollections(qint64 conversationId) const;
    Q_INVOKABLE bool setAttached(qint64 conversationId, qint64 collectionId, bool attached);
    /// Gives the collections chosen before the chat existed to the conversation just created.
    void adoptDraft(qint64 conversationId);

    /// The citations of @p messageId that @p content refers to ([n]), as maps with number,
    /// path, fileName, page, lineStart, lineEnd, text and url (a file:// URL to open).
    Q_INVOKABLE QVariantList citations(qint64 messageId, const QString& content) const;

    /// Starts looking up @p question in the collections attached to @p conversationId, on the
    /// retrieval thread (embedding the question can take a while); contextReady() brings the
    /// passages, within @p contextTokens, under the returned id. 0: no collection attached,
    /// nothing to wait for.
    quint64 requestContext(qint64 conversationId, const QString& question, int contextTokens);
    Status saveCitations(qint64 messageId, const QList<Citation>& citations);

    /// Sets the embedding model (a Qwen3-Embedding GGUF, as a file:// URL or path; empty: none)
    /// of a collection and indexes it again, so that its passages are also found by meaning.
    Q_INVOKABLE bool setEmbeddingModel(qint64 collectionId, const QString& model);

signals:
    void currentCollectionChanged();
    void errorChanged();
    /// Attachments of @p conversationId changed (0: the draft of a new chat).
    void attachmentsChanged(qint64 conversationId);
    /// The answer to requestContext(); @p error is set when the search itself failed.
    void contextReady(quint64 requestId, const DocsContext& context, const QString& error);

private:
    void refresh();
    bool check(const Status& status);
    void setError(const QString& text);

    Database* m_db = nullptr;
    std::unique_ptr<DocsStore> m_store;
    std::unique_ptr<DocumentLibrary> m_library;
    std::unique_ptr<RetrievalService> m_retrieval;  // started with the first question
    QString m_dataDir;
    CollectionListModel* m_collections = nullptr;
    DocumentListModel* m_documents = nullptr;
    qint64 m_currentCollection = 0;
    QSet<qint64> m_draft;
    QString m_error;
};
