// A tiny HTTP/1.1 server on 127.0.0.1 for the download tests: GET with Range (206 +
// Content-Range), a mode that ignores Range, 404s, redirects, a slow mode (for pausing
// mid-transfer) and a one-shot connection drop mid-body. One request per connection
// ("Connection: close"), which is all a downloader needs. Nothing leaves the machine.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

class HttpTestServer : public QObject {
    Q_OBJECT

public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers;  ///< names lowercased
        int status = 0;                         ///< what the server answered
    };

    explicit HttpTestServer(QObject* parent = nullptr);
    ~HttpTestServer() override;

    bool listen();
    QUrl url(const QByteArray& path) const;

    void addFile(const QByteArray& path, const QByteArray& body);
    void addRedirect(const QByteArray& from, const QByteArray& to, int status = 302);
    /// Answers every GET with 200 and the whole body, as servers without Range support do.
    void setIgnoreRange(bool ignore) { m_ignoreRange = ignore; }
    /// Sends bodies in chunks of `bytes` every `intervalMs` (0 bytes: all at once).
    void setSlow(int bytes, int intervalMs);
    /// The next response closes the connection after `bytes` of its body (one time only).
    void dropNextAfter(qint64 bytes) { m_dropAfter = bytes; }

    QList<Request> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

private:
    struct Connection;
    void onNewConnection();
    void onReadable(Connection* c);
    void respond(Connection* c, const Request& req);
    void sendSome(Connection* c);
    void finish(Connection* c);

    QTcpServer m_server;
    QHash<QByteArray, QByteArray> m_files;
    QHash<QByteArray, QPair<QByteArray, int>> m_redirects;
    QList<Request> m_requests;
    QList<Connection*> m_connections;
    bool m_ignoreRange = false;
    int m_slowBytes = 0;
    int m_slowIntervalMs = 0;
    qint64 m_dropAfter = -1;
};
