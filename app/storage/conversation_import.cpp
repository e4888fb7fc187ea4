#include "conversation_import.h"

#include "conversation_export.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace conversationimport {
namespace {

StorageError invalid(const QString& why) {
    return StorageError(StorageError::Code::InvalidImport,
                        QCoreApplication::translate("Import", "This file cannot be imported: %1").arg(why));
}

// Reading one field with a type check; absent fields take the default, wrong types fail.
class Reader {
public:
    Reader(const QJsonObject& o, QString where) : m_o(o), m_where(std::move(where)) {}

    QString text(const char* key) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isString()) {
            fail(key, "a text");
            return QString();
        }
        return v.toString();
    }
    qint64 count(const char* key) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return 0;
        // Finite, whole, non-negative and within what a double represents exactly.
        const double d = v.toDouble(-1);
        if (!v.isDouble() || !std::isfinite(d) || d < 0 || d > 9e15 || d != std::floor(d)) {
            fail(key, "a whole number");
            return 0;
        }
        return static_cast<qint64>(d);
    }
    double rate(const char* key) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return 0;
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0) {
            fail(key, "a number");
            return 0;
        }
        return v.toDouble();
    }
    bool flag(const char* key) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return false;
        if (!v.isBool()) {
            fail(key, "true or false");
            return false;
        }
        return v.toBool();
    }
    QDateTime time(const char* key) {
        const QString s = text(key);
        if (s.isEmpty()) return {};
        const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid()) fail(key, "a date (ISO 8601)");
        return t;
    }
    const QString& error() const { return m_error; }

private:
    void fail(const char* key, const char* expected) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: \"%2\" must be %3")
                          .arg(m_where, QLatin1String(key), QLatin1String(expected));
    }

    const QJsonObject& m_o;
    QString m_where;
    QString m_error;
};

struct Parsed {
    QString title, systemPrompt, modelPath;
    bool pinned = false;
    struct Item {
        qint64 fileId = 0;
        qint64 fileParent = 0;
        NewMessage message;
    };
    QList<Item> messages;
    QList<qint64> activePath;
};

Result<Parsed> parse(const QByteArray& json) {
    if (json.size() > kMaxBytes) return invalid(QStringLiteral("the file is larger than 64 MiB"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject()) return invalid(QStringLiteral("not a Ponder conversation"));
    const QJsonObject root = doc.object();
    if (root.value(u"format").toString() != QLatin1String(conversationexport::kFormatName))
        return invalid(QStringLiteral("not a Ponder conversation (\"format\" is missing or different)"));
    const QJsonValue version = root.value(u"version");
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        return invalid(QStringLiteral("\"version\" is missing or not a whole number"));
    if (version.toDouble() > conversationexport::kFormatVersion)
        return invalid(
            QStringLiteral("it was written by a newer Ponder (format version %1)").arg(version.toDouble()));
    if (!root.value(u"conversation").isObject())
        return invalid(QStringLiteral("\"conversation\" is missing"));
    if (!root.value(u"messages").isArray()) return invalid(QStringLiteral("\"messages\" is missing"));

    Parsed out;
    const QJsonObject conv = root.value(u"conversation").toObject();
    Reader c(conv, QStringLiteral("conversation"));
    out.title = c.text("title");
    out.systemPrompt = c.text("systemPrompt");
    out.modelPath = c.text("modelPath");
    out.pinned = c.flag("pinned");
    if (!c.error().isEmpty()) return invalid(c.error());

    QHash<qint64, qsizetype> seen;
    const QJsonArray messages = root.value(u"messages").toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString where = QStringLiteral("message %1").arg(i + 1);
        if (!messages[i].isObject()) return invalid(where + QStringLiteral(" is not an object"));
        const QJsonObject o = messages[i].toObject();
        Reader r(o, where);
        Parsed::Item item;
        item.fileId = r.count("id");
        item.fileParent = r.count("parentId");
        NewMessage& m = item.message;
        m.role = r.text("role");
        m.content = r.text("content");
        m.reasoning = r.text("reasoning");
        m.model = r.text("model");
        m.stats.promptTokens = r.count("promptTokens");
        m.stats.completionTokens = r.count("completionTokens");
        m.stats.reasoningMs = r.count("reasoningMs");
        m.stats.reasoningTokens = r.count("reasoningTokens");
        m.stats.generationMs = r.count("generationMs");
        m.stats.tokensPerSecond = r.rate("tokensPerSecond");
        m.created = r.time("createdAt");
        m.errorText = r.text("errorText");
        const QString state = r.text("state");
        if (!r.error().isEmpty()) return invalid(r.error());
        if (item.fileId <= 0) return invalid(where + QStringLiteral(" has no \"id\""));
        if (seen.contains(item.fileId))
            return invalid(where + QStringLiteral(" repeats id %1").arg(item.fileId));
        // Parents before children (as exported) also rules out cycles.
        if (item.fileParent != 0 && !seen.contains(item.fileParent))
            return invalid(where + QStringLiteral(" refers to a parent that does not come before it"));
        if (!isValidRole(m.role))
            return invalid(where + QStringLiteral(" has an unknown role \"%1\"").arg(m.role));
        const std::optional<MessageState> parsedState =
            state.isEmpty() ? MessageState::Complete : messageStateFromName(state);
        if (!parsedState) return invalid(where + QStringLiteral(" has an unknown state \"%1\"").arg(state));
        // Nothing is generating an imported answer; "streaming" would never end.
        m.state = *parsedState == MessageState::Streaming ? MessageState::Cancelled : *parsedState;
        seen.insert(item.fileId, i);
        out.messages << item;
    }

    const QJsonValue path = root.value(u"activePath");
    if (!path.isUndefined() && !path.isNull()) {
        if (!path.isArray()) return invalid(QStringLiteral("\"activePath\" is not a list"));
        qint64 previous = 0;
        for (const QJsonValue& v : path.toArray()) {
            const qint64 id = v.isDouble() ? static_cast<qint64>(v.toDouble()) : -1;
            if (!seen.contains(id) || out.messages[seen.value(id)].fileParent != previous)
                return invalid(QStringLiteral("\"activePath\" is not a path through the messages"));
            out.activePath << id;
            previous = id;
        }
    }
    return out;
}

}  // namespace

Result<qint64> fromJson(ConversationStore& store, const QByteArray& json) {
    const Result<Parsed> parsed = parse(json);
    if (!parsed) return parsed.error();
    const Parsed& p = parsed.value();
    qint64 conversationId = 0;
    const Status s = store.transaction([&]() -> Status {
        const QString title = p.title.trimmed().isEmpty()
                                  ? QCoreApplication::translate("Import", "Imported conversation")
                                  : p.title;
        const Result<qint64> created = store.createConversation(title, p.systemPrompt, p.modelPath);
        if (!created) return created.error();
        conversationId = created.value();
        if (p.pinned) {
            if (Status pin = store.setPinned(conversationId, true); !pin) return pin;
        }
        QHash<qint64, qint64> dbIds;  // file id -> new row id
        for (const Parsed::Item& item : p.messages) {
            NewMessage m = item.message;
            m.conversationId = conversationId;
            m.parentId = item.fileParent == 0 ? 0 : dbIds.value(item.fileParent);
            const Result<qint64> id = store.appendMessage(m);
            if (!id) return id.error();
            dbIds.insert(item.fileId, id.value());
        }
        if (!p.activePath.isEmpty()) return store.selectBranch(dbIds.value(p.activePath.constLast()));
        return {};
    });
    if (!s) return s.error();
    return conversationId;
}

}  // namespace conversationimport
