<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatView</name>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Choose model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>Opening models is not available in this version yet</source>
        <translation>此版本尚不支持打开模型</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Start the conversation</source>
        <translation>开始对话</translation>
    </message>
    <message>
        <source>Open a model to start</source>
        <translation>打开一个模型即可开始</translation>
    </message>
    <message>
        <source>Ponder runs language models on your own computer. Nothing you write here leaves it.</source>
        <translation>Ponder 在您自己的电脑上运行语言模型。您在这里写的任何内容都不会离开这台电脑。</translation>
    </message>
</context>
<context>
    <name>InputBox</name>
    <message>
        <source>Write a message…</source>
        <translation>输入消息…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to send</source>
        <translation>按 Ctrl+Enter 发送</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Enter)</source>
        <translation>发送消息（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Load a model to send messages</source>
        <translation>请先加载模型再发送消息</translation>
    </message>
    <message>
        <source>Enter adds a line · Ctrl+Enter sends</source>
        <translation>Enter 换行 · Ctrl+Enter 发送</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search chats</source>
        <translation>搜索聊天</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新建聊天</translation>
    </message>
    <message>
        <source>Load a model to start a chat</source>
        <translation>请先加载模型再开始聊天</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation>还没有聊天</translation>
    </message>
    <message>
        <source>Your conversations will appear here. They are stored only on this computer.</source>
        <translation>您的对话将显示在这里，且只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The conversation database was written by a newer version of Ponder (schema %1; this version knows up to %2). Please update Ponder; the file was left untouched.</source>
        <translation>对话数据库由更新版本的 Ponder 写入（架构 %1；此版本最高支持 %2）。请更新 Ponder；该文件未被改动。</translation>
    </message>
</context>
<context>
    <name>StorageError</name>
    <message>
        <source>The disk is full, so the conversation could not be saved.</source>
        <translation>磁盘已满，无法保存对话。</translation>
    </message>
    <message>
        <source>The conversation database cannot be written (read-only file or folder).</source>
        <translation>无法写入对话数据库（文件或文件夹为只读）。</translation>
    </message>
    <message>
        <source>The conversation database is in use by another program.</source>
        <translation>对话数据库正被其他程序使用。</translation>
    </message>
    <message>
        <source>The disk reported an error while reading or writing conversations.</source>
        <translation>读取或写入对话时磁盘报告了错误。</translation>
    </message>
    <message>
        <source>The conversation database is damaged.</source>
        <translation>对话数据库已损坏。</translation>
    </message>
    <message>
        <source>The conversation database cannot be opened.</source>
        <translation>无法打开对话数据库。</translation>
    </message>
    <message>
        <source>A database operation failed.</source>
        <translation>数据库操作失败。</translation>
    </message>
</context>
</TS>
