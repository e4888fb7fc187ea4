#include "docs_cli.h"

#include "chunk_embedder.h"
#include "doc_indexer.h"
#include "docs_bench.h"
#include "docs_json.h"
#include "docs_retriever.h"
#include "docs_store.h"

#include "core/app_paths.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <memory>

#include "ponder/assistant.h"

namespace {

const char kUsage[] =
    "Usage: ponder docs <command> [options]\n"
    "  add PATH... --collection NAME [--embedding-model GGUF]   add files or folders and index them\n"
    "  index --collection NAME        resume or refresh indexing (changed, new and pending files)\n"
    "  list [--collection NAME]       collections, or one collection's documents and their state\n"
    "  search --collection NAME [--top K] QUERY                 passages as JSON\n"
    "  ask --collection NAME --model GGUF [--max-tokens N] QUESTION   answer and citations as JSON\n"
    "  remove --collection NAME [PATH]                          remove a collection or one source\n"
    "  bench [--chunks N,N] [--embedding-model GGUF] [--embed-chunks N]   indexing and query speed\n"
    "Common: --data-dir DIR\n";

void printErr(const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

void printJson(const QJsonValue& v) {
    const QByteArray bytes = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int fail(const QString& message) {
    printErr(QStringLiteral("ponder docs: %1\n").arg(message));
    return 1;
}

struct Context {
    QCommandLineParser parser;
    QString command;
    QStringList positional;
    std::unique_ptr<Database> db;
    std::unique_ptr<DocsStore> store;
};

// Opens the data folder's database (migrating it if needed), as the app would.
bool openStore(Context& c, const QString& dataDir, QString& error) {
    const AppPaths paths = AppPaths::resolve(dataDir, &error);
    if (!paths.isValid()) return false;
    c.db = std::make_unique<Database>(paths.dataDir());
    const Result<OpenReport> opened = c.db->open();
    if (!opened) {
        error = opened.error().message();
        return false;
    }
    if (!opened.value().userMessage().isEmpty()) printErr(opened.value().userMessage() + u'\n');
    c.store = std::make_unique<DocsStore>(*c.db);
    return true;
}

Result<DocCollection> requireCollection(Context& c) {
    const QString name = c.parser.value(QStringLiteral("collection"));
    if (name.isEmpty()) {
        return StorageError(StorageError::Code::InvalidArgument, QStringLiteral("--collection NAME is required"));
    }
    return c.store->collectionByName(name);
}

std::unique_ptr<EngineEmbedder> openEmbedderFor(const DocCollection& col) {
    if (col.embeddingModel.isEmpty()) return nullptr;
    QString error;
    auto e = EngineEmbedder::open(col.embeddingModel, error);
    if (!e) printErr(QStringLiteral("embedding model unusable (%1); BM25 only\n").arg(error));
    return e;
}

int index(Context& c, const DocCollection& col) {
    std::unique_ptr<EngineEmbedder> embedder = openEmbedderFor(col);
    IndexerOptions options;
    // The resume test's hook: time to kill the process between two files.
    options.throttleMs = qEnvironmentVariableIntValue("PONDER_DOCS_THROTTLE_MS");
    DocIndexer indexer(*c.store, embedder.get(), options);
    indexer.setProgress([](const IndexProgress& p) {
        printErr(QStringLiteral("indexed %1/%2 files, %3 chunks\n").arg(p.filesDone).arg(p.filesTotal).arg(p.chunks));
    });
    const Result<IndexProgress> run = indexer.run(col.id);
    if (!run) return fail(run.error().message());
    const Result<QList<DocumentInfo>> docs = c.store->documents(col.id);
    const Result<CollectionStats> stats = c.store->stats(col.id);
    if (!docs || !stats) return fail(QStringLiteral("cannot read the collection back"));
    QJsonObject out = docsjson::stats(col, stats.value());
    out.insert(QStringLiteral("run"), docsjson::progress(run.value()));
    QJsonArray errors;
    for (const DocumentInfo& d : docs.value()) {
        if (d.state == DocumentInfo::State::Error)
            errors.append(QJsonObject{{QStringLiteral("file"), d.path}, {QStringLiteral("error"), d.error}});
    }
    out.insert(QStringLiteral("errors"), errors);
    printJson(out);
    return 0;
}

int add(Context& c) {
    const QString name = c.parser.value(QStringLiteral("collection"));
    if (name.isEmpty()) return fail(QStringLiteral("--collection NAME is required"));
    if (c.positional.isEmpty()) return fail(QStringLiteral("add needs at least one file or folder"));
    Result<DocCollection> col = c.store->collectionByName(name);
    const QString model = c.parser.value(QStringLiteral("embedding-model"));
    const QString modelPath = model.isEmpty() ? QString() : QFileInfo(model).absoluteFilePath();
    if (!col) {
        const Result<qint64> id = c.store->createCollection(name, modelPath);
        if (!id) return fail(id.error().message());
        col = c.store->collection(id.value());
        if (!col) return fail(col.error().message());
    } else if (!modelPath.isEmpty() && modelPath != col.value().embeddingModel) {
        // Vectors of two models cannot be compared: a new model means indexing again.
        if (Status s = c.store->setEmbeddingModel(col.value().id, modelPath); !s) return fail(s.error().message());
        col.value().embeddingModel = modelPath;
    }
    for (const QString& path : std::as_const(c.positional)) {
        const QFileInfo info(path);
        if (!info.exists()) return fail(QStringLiteral("%1 does not exist").arg(path));
        const Result<qint64> source = c.store->addSource(col.value().id, info.absoluteFilePath(), info.isDir());
        if (!source) return fail(source.error().message());
    }
    return index(c, col.value());
}

int list(Context& c) {
    if (c.parser.isSet(QStringLiteral("collection"))) {
        const Result<DocCollection> col = requireCollection(c);
        if (!col) return fail(col.error().message());
        const Result<QList<DocumentInfo>> docs = c.store->documents(col.value().id);
        if (!docs) return fail(docs.error().message());
        QJsonArray out;
        for (const DocumentInfo& d : docs.value()) out.append(docsjson::document(d));
        printJson(out);
        return 0;
    }
    const Result<QList<DocCollection>> cols = c.store->collections();
    if (!cols) return fail(cols.error().message());
    QJsonArray out;
    for (const DocCollection& col : cols.value()) {
        const Result<CollectionStats> st = c.store->stats(col.id);
        out.append(docsjson::stats(col, st ? st.value() : CollectionStats{}));
    }
    printJson(out);
    return 0;
}

int search(Context& c) {
    const Result<DocCollection> col = requireCollection(c);
    if (!col) return fail(col.error().message());
    const QString query = c.positional.join(u' ');
    if (query.trimmed().isEmpty()) return fail(QStringLiteral("search needs a query"));
    bool ok = false;
    const int top = c.parser.value(QStringLiteral("top")).toInt(&ok);
    if (!ok || top < 1) return fail(QStringLiteral("--top needs a positive number"));
    std::unique_ptr<EngineEmbedder> embedder = openEmbedderFor(col.value());
    DocsRetriever retriever(*c.store);
    retriever.setEmbedder(embedder.get());
    const Result<QList<Passage>> found = retriever.search({col.value().id}, query, top);
    if (!found) return fail(found.error().message());
    QJsonArray out;
    for (const Passage& p : found.value()) out.append(docsjson::passage(p));
    printJson(out);
    return 0;
}

int ask(Context& c) {
    const Result<DocCollection> col = requireCollection(c);
    if (!col) return fail(col.error().message());
    const QString question = c.positional.join(u' ');
    if (question.trimmed().isEmpty()) return fail(QStringLiteral("ask needs a question"));
    const QString model = c.parser.value(QStringLiteral("model"));
    if (model.isEmpty()) return fail(QStringLiteral("--model GGUF is required"));
    ponder::AssistantOptions options;
    options.session.backend = ponder::Backend::Cpu;
    options.session.contextLength = 4096;
    auto assistant = ponder::Assistant::open(model.toStdString(), options);
    if (!assistant) return fail(QString::fromStdString(assistant.error().message));
    std::unique_ptr<EngineEmbedder> embedder = openEmbedderFor(col.value());
    RetrievalOptions ro;
    ro.contextTokens = std::min<int>(ro.contextTokens, int((*assistant)->contextLength() / 2));
    DocsRetriever retriever(*c.store, ro);
    retriever.setEmbedder(embedder.get());
    const ponder::Tokenizer& tok = (*assistant)->tokenizer();
    retriever.setTokenCounter([&tok](const QString& s) { return int(tok.encode(s.toStdString(), false).size()); });
    const Result<DocsContext> ctx = retriever.buildContextFor({col.value().id}, question);
    if (!ctx) return fail(ctx.error().message());
    QJsonObject out{{QStringLiteral("question"), question}, {QStringLiteral("nothingFound"), ctx.value().nothingFound}};
    if (ctx.value().nothingFound) {
        // Said plainly, without asking the model: it would invent an answer.
        out.insert(QStringLiteral("answer"), ctx.value().message);
        out.insert(QStringLiteral("citations"), QJsonArray());
        printJson(out);
        return 0;
    }
    const std::vector<ponder::ChatMessage> conversation = {
        {ponder::ChatRole::User, (ctx.value().promptAddition + QStringLiteral("\nQuestion: ") + question).toStdString(), {}}};
    ponder::TurnOptions turn;
    turn.maxTokens = c.parser.value(QStringLiteral("max-tokens")).toInt();
    turn.enableThinking = false;  // a cited answer from given passages needs no long reasoning
    auto reply = (*assistant)->reply(conversation, turn, {});
    if (!reply) return fail(QString::fromStdString(reply.error().message));
    const QString answer = QString::fromStdString(reply->answer);
    out.insert(QStringLiteral("answer"), answer);
    out.insert(QStringLiteral("promptTokens"), reply->promptTokens);
    QJsonArray citations, used;
    for (const Citation& cit : ctx.value().citations) citations.append(docsjson::citation(cit));
    for (const Citation& cit : DocsRetriever::citationsUsed(answer, ctx.value().citations)) used.append(cit.number);
    out.insert(QStringLiteral("citations"), citations);
    out.insert(QStringLiteral("cited"), used);
    printJson(out);
    return 0;
}

int remove(Context& c) {
    const Result<DocCollection> col = requireCollection(c);
    if (!col) return fail(col.error().message());
    if (c.positional.isEmpty()) {
        if (Status s = c.store->removeCollection(col.value().id); !s) return fail(s.error().message());
        printJson(QJsonObject{{QStringLiteral("removed"), col.value().name}});
        return 0;
    }
    const Result<QList<DocSource>> sources = c.store->sources(col.value().id);
    if (!sources) return fail(sources.error().message());
    QJsonArray removed;
    for (const QString& path : std::as_const(c.positional)) {
        const QString abs = QFileInfo(path).absoluteFilePath();
        for (const DocSource& s : sources.value()) {
            if (s.path == abs && c.store->removeSource(s.id)) removed.append(abs);
        }
    }
    if (removed.isEmpty()) return fail(QStringLiteral("no such source in the collection"));
    printJson(QJsonObject{{QStringLiteral("removed"), removed}});
    return 0;
}

}  // namespace

int runDocsCommand(const QStringList& args, const QString& dataDir) {
    Context c;
    QCommandLineParser& p = c.parser;
    p.addOptions({
        {QStringLiteral("collection"), QStringLiteral("Collection name."), QStringLiteral("name")},
        {QStringLiteral("top"), QStringLiteral("Passages to return."), QStringLiteral("k"), QStringLiteral("5")},
        {QStringLiteral("model"), QStringLiteral("Chat model (GGUF)."), QStringLiteral("file")},
        {QStringLiteral("embedding-model"), QStringLiteral("Embedding model (GGUF)."), QStringLiteral("file")},
        {QStringLiteral("max-tokens"), QStringLiteral("Answer length limit."), QStringLiteral("n"), QStringLiteral("512")},
        {QStringLiteral("data-dir"), QStringLiteral("Data folder."), QStringLiteral("dir")},
        {QStringLiteral("chunks"), QStringLiteral("Bench: index sizes."), QStringLiteral("list"),
         QStringLiteral("10000,100000")},
        {QStringLiteral("embed-chunks"), QStringLiteral("Bench: chunks to embed."), QStringLiteral("n"),
         QStringLiteral("8")},
        {QStringLiteral("help"), QStringLiteral("Show this help.")},
    });
    if (!p.parse(QStringList{QStringLiteral("ponder docs")} + args)) return fail(p.errorText() + u'\n' + QLatin1String(kUsage));
    const QStringList words = p.positionalArguments();
    if (p.isSet(QStringLiteral("help")) || words.isEmpty()) {
        printErr(QLatin1String(kUsage));
        return words.isEmpty() && !p.isSet(QStringLiteral("help")) ? 1 : 0;
    }
    c.command = words.first();
    c.positional = words.mid(1);
    const QString dir = p.isSet(QStringLiteral("data-dir")) ? p.value(QStringLiteral("data-dir")) : dataDir;
    if (c.command == u"bench") return runDocsBench(p, c.positional);
    QString error;
    if (!openStore(c, dir, error)) return fail(error);
    if (c.command == u"add") return add(c);
    if (c.command == u"index") {
        const Result<DocCollection> col = requireCollection(c);
        return col ? index(c, col.value()) : fail(col.error().message());
    }
    if (c.command == u"list") return list(c);
    if (c.command == u"search") return search(c);
    if (c.command == u"ask") return ask(c);
    if (c.command == u"remove") return remove(c);
    return fail(QStringLiteral("unknown command %1\n%2").arg(c.command, QLatin1String(kUsage)));
}
