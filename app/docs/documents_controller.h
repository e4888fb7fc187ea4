/// @brief What the window needs of the document index: the Documents view's models and
/// actions, which collections a chat answers from, the cited context of a question, and the
/// citations kept with each answer.
#pragma once

#include "docs_list_models.h"
#include "docs_retriever.h"
#include "docs_store.h"
#include "document_library.h"

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

    /// The cited context for @p question in @p conversationId (empty when nothing attached),
    /// its passages within @p contextTokens.
    Result<DocsContext> contextFor(qint64 conversationId, const QString& question, int contextTokens);
    Status saveCitations(qint64 messageId, const QList<Citation>& citations);

signals:
    void currentCollectionChanged();
    void errorChanged();
    /// Attachments of @p conversationId changed (0: the draft of a new chat).
    void attachmentsChanged(qint64 conversationId);

private:
    void refresh();
    bool check(const Status& status);
    void setError(const QString& text);

    Database* m_db = nullptr;
    std::unique_ptr<DocsStore> m_store;
    std::unique_ptr<DocumentLibrary> m_library;
    CollectionListModel* m_collections = nullptr;
    DocumentListModel* m_documents = nullptr;
    qint64 m_currentCollection = 0;
    QSet<qint64> m_draft;
    QString m_error;
};
