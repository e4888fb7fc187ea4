/// @brief Answers the chat's document questions off the UI thread: a thread of its own with
/// its own database connection and the collections' embedding model, kept loaded between
/// questions. The window never freezes while a question is embedded, and a question never
/// waits behind an indexing run (that has a thread of its own, see DocumentLibrary).
#pragma once

#include "docs_types.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <memory>

class Database;
class DocsStore;
class EngineEmbedder;

/// Lives on RetrievalService's thread.
class RetrievalWorker : public QObject {
    Q_OBJECT

public:
    RetrievalWorker();
    ~RetrievalWorker() override;

public slots:
    void open(const QString& dataDir);
    void retrieve(quint64 requestId, const QList<qint64>& collectionIds, const QString& question, int contextTokens);

signals:
    void ready(quint64 requestId, const DocsContext& context, const QString& error);
    /// Something the user should know that does not stop the answer (BM25 goes on alone).
    void warning(const QString& message);

private:
    EngineEmbedder* embedderFor(const QList<qint64>& collectionIds);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<DocsStore> m_store;
    QString m_openError;
    std::unique_ptr<EngineEmbedder> m_embedder;  // the last model used; models are large
    QString m_failedModel;  // a model that could not be opened is not retried on every question
};

class RetrievalService : public QObject {
    Q_OBJECT

public:
    explicit RetrievalService(const QString& dataDir, QObject* parent = nullptr);
    /// Waits for a question being embedded, then joins the thread.
    ~RetrievalService() override;

    /// Starts finding the passages for @p question; ready() carries the result, with the
    /// returned id (never 0).
    quint64 request(const QList<qint64>& collectionIds, const QString& question, int contextTokens);

signals:
    void ready(quint64 requestId, const DocsContext& context, const QString& error);
    void warning(const QString& message);

private:
    QThread m_thread;
    RetrievalWorker* m_worker = nullptr;
    quint64 m_lastRequest = 0;
};
