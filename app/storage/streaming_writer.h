/// @brief Batches the streamed text of one answer into its message row, every 250 ms.
#pragma once

#include "conversation_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

/// Collects answer and reasoning deltas of one message (created by the caller in state
/// Streaming) and writes the whole text so far into the row at most every flush interval and
/// at the end, so a crash loses at most one interval of text and the database sees about four
/// small commits a second instead of one per token. Lives on the thread of its store.
///
/// A failed write (disk full) is reported through writeFailed and retried at the next
/// interval; the text stays in memory meanwhile, so nothing streamed is dropped.
class StreamingWriter : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultFlushIntervalMs = 250;

    StreamingWriter(ConversationStore& store, qint64 messageId, QObject* parent = nullptr);
    /// Flushes what is still pending (best effort: an app closing mid-answer keeps its text).
    ~StreamingWriter() override;

    void setFlushInterval(int ms);
    qint64 messageId() const { return m_messageId; }

    void appendContent(const QString& delta);
    void appendReasoning(const QString& delta);

    const QString& content() const { return m_content; }
    const QString& reasoning() const { return m_reasoning; }
    /// How much of the text is known to be in the database.
    qsizetype flushedContentLength() const { return m_flushedContent; }
    qsizetype flushedReasoningLength() const { return m_flushedReasoning; }
    bool isFinished() const { return m_final.has_value(); }
    bool hasPendingWrite() const { return m_dirty; }

    /// Writes pending text now.
    Status flush();
    /// The answer is complete. @p extra adds token counts etc.; reasoning and generation times
    /// are measured here unless @p extra sets them.
    Status finish(const MessagePatch& extra = {});
    /// Stopped by the user: the text so far is kept.
    Status cancel(const MessagePatch& extra = {});
    /// Generation failed: the text so far is kept with @p errorText.
    Status fail(const QString& errorText, const MessagePatch& extra = {});

signals:
    /// Every delta as it arrives, for views that show the text before it is flushed.
    void deltaAppended(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta);
    /// Lengths (UTF-16 units) of the text now committed to the row.
    void flushed(qint64 messageId, qsizetype contentLength, qsizetype reasoningLength);
    void writeFailed(qint64 messageId, const QString& message);

private:
    Status end(MessageState state, const MessagePatch& extra);
    Status write();
    void schedule();
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    ConversationStore& m_store;
    qint64 m_messageId;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QString m_content;
    QString m_reasoning;
    qsizetype m_flushedContent = 0;
    qsizetype m_flushedReasoning = 0;
    bool m_dirty = false;
    qint64 m_firstReasoningMs = -1;
    qint64 m_firstContentMs = -1;
    std::optional<MessagePatch> m_final;  // set once finished; written with the last text
};
