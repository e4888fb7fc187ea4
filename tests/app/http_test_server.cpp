#include "http_test_server.h"

#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

struct HttpTestServer::Connection {
    QTcpSocket* socket = nullptr;
    QTimer* timer = nullptr;
    QByteArray buffer;   // request bytes received so far
    QByteArray pending;  // response bytes not yet written
    bool answered = false;
};

HttpTestServer::HttpTestServer(QObject* parent) : QObject(parent) {
    connect(&m_server, &QTcpServer::newConnection, this, &HttpTestServer::onNewConnection);
}

HttpTestServer::~HttpTestServer() {
    for (Connection* c : std::as_const(m_connections)) {
        c->socket->disconnect(this);
        c->socket->abort();
        delete c->socket;
        delete c;
    }
}

bool HttpTestServer::listen() {
    // Loopback only: the tests must never reach another machine.
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl HttpTestServer::url(const QByteArray& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QString::fromLatin1(path)));
}

void HttpTestServer::addFile(const QByteArray& path, const QByteArray& body) {
    m_files.insert(path, body);
}

void HttpTestServer::addRedirect(const QByteArray& from, const QByteArray& to, int status) {
    m_redirects.insert(from, {to, status});
}

void HttpTestServer::setSlow(int bytes, int intervalMs) {
    m_slowBytes = bytes;
    m_slowIntervalMs = intervalMs;
}

void HttpTestServer::onNewConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto* c = new Connection;
        c->socket = socket;
        c->timer = new QTimer(socket);
        m_connections.append(c);
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadable(c); });
        connect(c->timer, &QTimer::timeout, this, [this, c] { sendSome(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { finish(c); });
    }
}

void HttpTestServer::onReadable(Connection* c) {
    c->buffer += c->socket->readAll();
    const qsizetype end = c->buffer.indexOf("\r\n\r\n");
    if (c->answered || end < 0)
        return;
    const QList<QByteArray> lines = c->buffer.left(end).split('\n');
    Request req;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    req.method = first.value(0);
    req.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            req.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    c->answered = true;
    respond(c, req);
}

void HttpTestServer::respond(Connection* c, const Request& reqIn) {
    Request req = reqIn;
    QByteArray head;
    QByteArray body;
    bool mayDrop = false;
    if (req.method != "GET") {
        req.status = 405;
        head = "HTTP/1.1 405 Method Not Allowed\r\n";
    } else if (m_redirects.contains(req.path)) {
        const auto [to, status] = m_redirects.value(req.path);
        req.status = status;
        head = "HTTP/1.1 " + QByteArray::number(status) + " Found\r\nLocation: " + url(to).toEncoded() + "\r\n";
    } else if (!m_files.contains(req.path)) {
        req.status = 404;
        head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n";
        body = "not found";
    } else {
        const QByteArray file = m_files.value(req.path);
        static const QRegularExpression rangeRe(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
        const QRegularExpressionMatch m = rangeRe.match(QString::fromLatin1(req.headers.value("range")));
        if (m.hasMatch() && !m_ignoreRange) {
            const qint64 from = m.captured(1).toLongLong();
            const qint64 to = m.captured(2).isEmpty() ? file.size() - 1
                                                      : std::min<qint64>(m.captured(2).toLongLong(), file.size() - 1);
            if (from >= file.size() || to < from) {
                req.status = 416;
                head = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" +
                       QByteArray::number(file.size()) + "\r\n";
            } else {
                req.status = 206;
                body = file.mid(from, to - from + 1);
                head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + '-' +
                       QByteArray::number(to) + '/' + QByteArray::number(file.size()) + "\r\n";
            }
        } else {
            req.status = 200;
            body = file;
            head = "HTTP/1.1 200 OK\r\n";
        }
        head += "Content-Type: application/octet-stream\r\nAccept-Ranges: " +
                QByteArray(m_ignoreRange ? "none" : "bytes") + "\r\n";
        mayDrop = true;
    }
    m_requests.append(req);
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (mayDrop && m_dropAfter >= 0) {
        // Announce the full length but send less, then close: a connection lost mid-body.
        body.truncate(m_dropAfter);
        m_dropAfter = -1;
    }
    c->pending = head + body;
    if (m_slowBytes > 0) {
        c->socket->write(head);
        c->pending = body;
        c->timer->start(m_slowIntervalMs);
    } else {
        sendSome(c);
    }
}

void HttpTestServer::sendSome(Connection* c) {
    if (c->socket->state() != QAbstractSocket::ConnectedState) {
        c->timer->stop();
        return;
    }
    const qsizetype n = m_slowBytes > 0 ? std::min<qsizetype>(m_slowBytes, c->pending.size()) : c->pending.size();
    c->socket->write(c->pending.left(n));
    c->pending.remove(0, n);
    if (c->pending.isEmpty()) {
        c->timer->stop();
        // Graceful close after the buffered bytes are written.
        c->socket->disconnectFromHost();
    }
}

void HttpTestServer::finish(Connection* c) {
    if (!m_connections.removeOne(c))
        return;
    c->timer->stop();
    c->socket->deleteLater();
    delete c;
}
