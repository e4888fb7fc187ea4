#include "streaming_writer.h"

#include "storage_log.h"

StreamingWriter::StreamingWriter(ConversationStore& store, qint64 messageId, QObject* parent)
    : QObject(parent), m_store(store), m_messageId(messageId) {
    // Single shot, armed by the first unsaved delta: idle streams cost nothing, and no delta
    // waits longer than one interval.
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultFlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { write(); });
    m_clock.start();
}

StreamingWriter::~StreamingWriter() {
    if (m_dirty) write();
}

void StreamingWriter::setFlushInterval(int ms) {
    m_timer.setInterval(ms);
}

void StreamingWriter::schedule() {
    if (!m_timer.isActive()) m_timer.start();
}

void StreamingWriter::appendContent(const QString& delta) {
    if (delta.isEmpty()) return;
    if (isFinished()) {
        qCWarning(lcStorage) << "text after the end of message" << m_messageId << "ignored";
        return;
    }
    if (m_firstContentMs < 0) m_firstContentMs = elapsedMs();
    m_content += delta;
    m_dirty = true;
    emit deltaAppended(m_messageId, delta, QString());
    schedule();
}

void StreamingWriter::appendReasoning(const QString& delta) {
    if (delta.isEmpty()) return;
    if (isFinished()) {
        qCWarning(lcStorage) << "reasoning after the end of message" << m_messageId << "ignored";
        return;
    }
    if (m_firstReasoningMs < 0) m_firstReasoningMs = elapsedMs();
    m_reasoning += delta;
    m_dirty = true;
    emit deltaAppended(m_messageId, QString(), delta);
    schedule();
}

Status StreamingWriter::flush() {
    m_timer.stop();
    return write();
}

Status StreamingWriter::write() {
    if (!m_dirty) return {};
    // The whole text, not the delta: the write is idempotent, so a failed one can simply be
    // repeated, and the row never holds a text with a hole in it.
    MessagePatch patch = m_final.value_or(MessagePatch{});
    patch.content = m_content;
    patch.reasoning = m_reasoning;
    const Status s = m_store.updateMessage(m_messageId, patch);
    if (!s) {
        qCWarning(lcStorage) << "could not save streamed text of message" << m_messageId << ":"
                             << s.error().message();
        emit writeFailed(m_messageId, s.error().message());
        // A deleted row will not come back; anything else (full disk) may clear up.
        if (s.error().code() != StorageError::Code::NotFound) schedule();
        return s;
    }
    m_dirty = false;
    m_flushedContent = m_content.size();
    m_flushedReasoning = m_reasoning.size();
    emit flushed(m_messageId, m_flushedContent, m_flushedReasoning);
    return {};
}

Status StreamingWriter::end(MessageState state, const MessagePatch& extra) {
    if (isFinished()) {
        return StorageError(StorageError::Code::InvalidArgument,
                            QStringLiteral("Message %1 was already finished").arg(m_messageId));
    }
    MessagePatch patch = extra;
    patch.state = state;
    const qint64 now = elapsedMs();
    if (!patch.generationMs) patch.generationMs = now;
    if (!patch.reasoningMs && m_firstReasoningMs >= 0) {
        // Thinking lasts from its first token to the first token of the answer.
        patch.reasoningMs = (m_firstContentMs >= 0 ? m_firstContentMs : now) - m_firstReasoningMs;
    }
    m_final = patch;
    m_dirty = true;  // the final state must be written even when no text is pending
    m_timer.stop();
    return write();
}

Status StreamingWriter::finish(const MessagePatch& extra) {
    return end(MessageState::Complete, extra);
}

Status StreamingWriter::cancel(const MessagePatch& extra) {
    return end(MessageState::Cancelled, extra);
}

Status StreamingWriter::fail(const QString& errorText, const MessagePatch& extra) {
    MessagePatch patch = extra;
    patch.errorText = errorText;
    return end(MessageState::Error, patch);
}
