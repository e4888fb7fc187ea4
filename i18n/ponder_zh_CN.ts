<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppInfo</name>
    <message>
        <source>none (%1)</source>
        <translation>无（%1）</translation>
    </message>
    <message>
        <source>none, models run on the CPU (chosen in the settings)</source>
        <translation>无，模型在 CPU 上运行（已在设置中选择）</translation>
    </message>
    <message>
        <source>%1 (%2, %3 GB, Vulkan %4)</source>
        <translation>%1（%2，%3 GB，Vulkan %4）</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
<context>
    <name>AttachCollectionsButton</name>
    <message>
        <source>Documents: %1</source>
        <translation>文档：%1</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>This chat answers from %1 collections</source>
        <translation>此聊天根据 %1 个集合作答</translation>
    </message>
    <message>
        <source>Attach document collections to this chat</source>
        <translation>将文档集合附加到此聊天</translation>
    </message>
    <message>
        <source>Answer from %1</source>
        <translation>根据 %1 作答</translation>
    </message>
    <message>
        <source>Manage documents…</source>
        <translation>管理文档…</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
    <message>
        <source>Show the previous version</source>
        <translation>显示上一个版本</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Show the next version</source>
        <translation>显示下一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Estimates are for %1 with %2 of memory and a context of %3 tokens.</source>
        <translation>估算基于 %1（%2 显存）和 %3 个词元的上下文。</translation>
    </message>
    <message>
        <source>No GPU was found, so Ponder cannot say which models fit.</source>
        <translation>未找到 GPU，因此 Ponder 无法判断哪些模型适合。</translation>
    </message>
    <message>
        <source>Downloads start only when you press Download. Files go to %1.</source>
        <translation>只有按下“下载”后才会开始下载。文件保存到 %1。</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>%1 · %2 parameters, %3 active · %4</source>
        <translation>%1 · %2 参数，%3 激活 · %4</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 参数 · %3</translation>
    </message>
    <message>
        <source>Download of %1</source>
        <translation>%1 的下载</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download %1 (%2)</source>
        <translation>下载 %1（%2）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause the download; it can be resumed later, also after a restart</source>
        <translation>暂停下载；之后可以继续，重启后也可以</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the download where it stopped</source>
        <translation>从中断处继续下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the download and delete what was downloaded</source>
        <translation>停止下载并删除已下载的部分</translation>
    </message>
    <message>
        <source>Chat with it</source>
        <translation>用它聊天</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机上的模型</translation>
    </message>
    <message>
        <source>No models in the models folder yet.</source>
        <translation>模型文件夹中还没有模型。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation>与 %1 聊天</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Checked with SHA-256 after download.</source>
        <translation>下载后用 SHA-256 校验。</translation>
    </message>
    <message>
        <source>No checksum is published in the catalog for this file: only its size is checked.</source>
        <translation>目录中没有此文件的校验和：只检查其大小。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <source>The chat history could not be opened, so nothing can be saved.</source>
        <translation>无法打开聊天记录，因此无法保存任何内容。</translation>
    </message>
    <message>
        <source>Ponder is still answering. Stop the answer or wait for it to finish.</source>
        <translation>Ponder 仍在回答。请停止回答或等待其完成。</translation>
    </message>
    <message>
        <source>The model is still loading.</source>
        <translation>模型仍在加载中。</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>请先打开一个模型。</translation>
    </message>
    <message>
        <source>The chat could not be exported: %1</source>
        <translation>无法导出聊天：%1</translation>
    </message>
    <message>
        <source>The file could not be opened: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>The file is too large to be a Ponder chat export.</source>
        <translation>该文件太大，不可能是 Ponder 导出的聊天。</translation>
    </message>
    <message>
        <source>%1 runs on the CPU, which is much slower than a GPU. %2</source>
        <translation>%1 在 CPU 上运行，比 GPU 慢得多。%2</translation>
    </message>
</context>
<context>
    <name>ChatListItem</name>
    <message>
        <source>Pinned: %1</source>
        <translation>已置顶：%1</translation>
    </message>
    <message>
        <source>Open this chat</source>
        <translation>打开此聊天</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>新标题</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>聊天操作</translation>
    </message>
    <message>
        <source>Rename, pin, export or delete this chat</source>
        <translation>重命名、置顶、导出或删除此聊天</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
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
    <message>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Model information, recent models and the model catalog</source>
        <translation>模型信息、最近使用的模型和模型目录</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>A model is loading</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Open a GGUF model file from this computer</source>
        <translation>从本机打开 GGUF 模型文件</translation>
    </message>
    <message>
        <source>Loading %1… %2%</source>
        <translation>正在加载 %1… %2%</translation>
    </message>
</context>
<context>
    <name>CitationPanel</name>
    <message>
        <source>Cited passage</source>
        <translation>引用的段落</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>Page %1, lines %2–%3</source>
        <translation>第 %1 页，第 %2–%3 行</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Opens the file in the program your system uses for it</source>
        <translation>用系统为此类文件指定的程序打开该文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the passage</source>
        <translation>关闭段落</translation>
    </message>
</context>
<context>
    <name>CitationRow</name>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>[%1] %2, p. %3</source>
        <translation>[%1] %2，第 %3 页</translation>
    </message>
    <message>
        <source>Show the passage this answer cites</source>
        <translation>显示此回答引用的段落</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Code block, %1</source>
        <translation>代码块，%1</translation>
    </message>
    <message>
        <source>Code block</source>
        <translation>代码块</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Copy this code block to the clipboard</source>
        <translation>将此代码块复制到剪贴板</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>Ponder stopped while this answer was being written; the text up to that point was kept.</source>
        <translation>Ponder 在写这条回答时停止了；此前的文字已保留。</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The data folder %1 cannot be created.</source>
        <translation>无法创建数据文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 不是文件</translation>
    </message>
    <message>
        <source>no permission to read and write %1</source>
        <translation>没有读写 %1 的权限</translation>
    </message>
    <message>
        <source>The SQLite driver of Qt (QSQLITE) is missing.</source>
        <translation>缺少 Qt 的 SQLite 驱动（QSQLITE）。</translation>
    </message>
    <message>
        <source>opening %1</source>
        <translation>打开 %1 时</translation>
    </message>
    <message>
        <source>checking %1</source>
        <translation>检查 %1 时</translation>
    </message>
    <message>
        <source>damaged database: %1</source>
        <translation>数据库已损坏：%1</translation>
    </message>
    <message>
        <source>The conversation database %1 cannot be read (%2) and could not be moved aside; nothing was changed.</source>
        <translation>无法读取对话数据库 %1（%2），也无法将其移到一旁；未做任何更改。</translation>
    </message>
    <message>
        <source>%1 could not be moved aside; no new database was created.</source>
        <translation>无法将 %1 移到一旁；未创建新数据库。</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <source>Indexed, %1 passages</source>
        <translation>已索引，%1 个段落</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>正在索引…</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>Waiting to be indexed</source>
        <translation>等待索引</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Indexing %1</source>
        <translation>正在索引 %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove %1 from the collection</source>
        <translation>从集合中移除 %1</translation>
    </message>
    <message>
        <source>Removes the file from the index; the file itself stays on disk</source>
        <translation>从索引中移除该文件；文件本身仍保留在磁盘上</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>The file no longer exists.</source>
        <translation>文件已不存在。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>The embedding model failed: %1</source>
        <translation>嵌入模型出错：%1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The attached documents contain nothing that answers this question, so Ponder will not answer from them.</source>
        <translation>附加的文档中没有能回答此问题的内容，因此 Ponder 不会根据它们作答。</translation>
    </message>
    <message>
        <source>A collection needs a name.</source>
        <translation>文档集需要一个名称。</translation>
    </message>
</context>
<context>
    <name>DocumentsController</name>
    <message>
        <source>A collection named “%1” exists already.</source>
        <translation>名为“%1”的集合已存在。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>%1 (%2 files, %3 skipped)</source>
        <translation>%1（%2 个文件，已跳过 %3 个）</translation>
    </message>
    <message>
        <source>%1 (%2 files)</source>
        <translation>%1（%2 个文件）</translation>
    </message>
    <message>
        <source>No collections yet</source>
        <translation>还没有集合</translation>
    </message>
    <message>
        <source>Create one, add files or folders, then attach it to a chat.</source>
        <translation>创建一个集合，添加文件或文件夹，然后将其附加到聊天。</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建集合</translation>
    </message>
    <message>
        <source>Name of the new collection</source>
        <translation>新集合的名称</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Create the collection</source>
        <translation>创建该集合</translation>
    </message>
    <message>
        <source>Delete collection…</source>
        <translation>删除集合…</translation>
    </message>
    <message>
        <source>Delete the selected collection</source>
        <translation>删除所选集合</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add files to the collection</source>
        <translation>向集合添加文件</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add a folder to the collection; it is watched for changes</source>
        <translation>向集合添加文件夹；将监视其中的更改</translation>
    </message>
    <message>
        <source>Indexing: %1 of %2 files</source>
        <translation>正在索引：第 %1 个，共 %2 个文件</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>索引进度</translation>
    </message>
    <message>
        <source>Files of the collection</source>
        <translation>集合中的文件</translation>
    </message>
    <message>
        <source>No files yet</source>
        <translation>还没有文件</translation>
    </message>
    <message>
        <source>Text, Markdown, HTML, source code and PDF files can be added.</source>
        <translation>可以添加文本、Markdown、HTML、源代码和 PDF 文件。</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.markdown *.html *.htm *.pdf)</source>
        <translation>文档 (*.txt *.md *.markdown *.html *.htm *.pdf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>删除集合</translation>
    </message>
    <message>
        <source>Delete the collection and its index? The files themselves stay where they are.</source>
        <translation>删除该集合及其索引？文件本身将保留在原处。</translation>
    </message>
    <message>
        <source>Search by words only. An embedding model (Qwen3-Embedding GGUF) also finds passages by meaning.</source>
        <translation>仅按词语搜索。嵌入模型（Qwen3-Embedding GGUF）还能按语义查找段落。</translation>
    </message>
    <message>
        <source>Search by words and meaning: %1 (%2 of %3 passages embedded)</source>
        <translation>按词语和语义搜索：%1（已嵌入 %3 个段落中的 %2 个）</translation>
    </message>
    <message>
        <source>Choose embedding model…</source>
        <translation>选择嵌入模型…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Choose the embedding model of the collection; its files are indexed again</source>
        <translation>选择此集合的嵌入模型；其文件将重新建立索引</translation>
    </message>
    <message>
        <source>Words only</source>
        <translation>仅词语</translation>
    </message>
    <message>
        <source>Stop using the embedding model for this collection</source>
        <translation>此集合不再使用嵌入模型</translation>
    </message>
    <message>
        <source>Choose an embedding model</source>
        <translation>选择嵌入模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Paused at %1 of %2.</source>
        <translation>已暂停于 %1 / %2。</translation>
    </message>
    <message>
        <source>Part %1 of %2: </source>
        <translation>第 %1 部分，共 %2 部分：</translation>
    </message>
    <message>
        <source>checking the partial download…</source>
        <translation>正在检查未完成的下载…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source> at %1/s</source>
        <translation>，速度 %1/s</translation>
    </message>
    <message>
        <source>, about %1 left</source>
        <translation>，约剩 %1</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The model file could not be found or opened.</source>
        <translation>找不到或无法打开模型文件。</translation>
    </message>
    <message>
        <source>Reading or writing a file failed (is the disk full or the file in use?).</source>
        <translation>读取或写入文件失败（磁盘是否已满，或文件正在被使用？）。</translation>
    </message>
    <message>
        <source>The model file is damaged, incomplete or not a GGUF file.</source>
        <translation>模型文件已损坏、不完整或不是 GGUF 文件。</translation>
    </message>
    <message>
        <source>This model uses something Ponder cannot run yet.</source>
        <translation>此模型使用了 Ponder 目前还无法运行的内容。</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Try a smaller model or a shorter context.</source>
        <translation>内存不足以运行此模型。请尝试更小的模型或更短的上下文。</translation>
    </message>
    <message>
        <source>The GPU stopped responding. Your chat is safe; load the model again to continue.</source>
        <translation>GPU 已停止响应。您的聊天内容是安全的；请重新加载模型以继续。</translation>
    </message>
    <message>
        <source>No usable GPU was found. Check that a Vulkan driver is installed.</source>
        <translation>未找到可用的 GPU。请检查是否已安装 Vulkan 驱动程序。</translation>
    </message>
    <message>
        <source>The GPU driver reported an error.</source>
        <translation>GPU 驱动程序报告了一个错误。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The request could not be carried out.</source>
        <translation>无法执行该请求。</translation>
    </message>
    <message>
        <source>Something went wrong inside Ponder.</source>
        <translation>Ponder 内部出现了问题。</translation>
    </message>
    <message>
        <source>Ponder cannot run this model on this GPU yet.</source>
        <translation>Ponder 目前还无法在此 GPU 上运行此模型。</translation>
    </message>
    <message>
        <source>The GPU does not have enough memory for this model; a shorter context may let it fit.</source>
        <translation>GPU 显存不足以运行此模型；缩短上下文后也许可以放下。</translation>
    </message>
    <message>
        <source>The chosen GPU was not found. Check the GPU in the settings and that a Vulkan driver is installed.</source>
        <translation>未找到所选的 GPU。请检查设置中的 GPU 以及是否已安装 Vulkan 驱动程序。</translation>
    </message>
    <message>
        <source>The GPU stopped responding while the model was loading.</source>
        <translation>加载模型时 GPU 停止了响应。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>This file cannot be imported: %1</source>
        <translation>无法导入此文件：%1</translation>
    </message>
    <message>
        <source>Imported conversation</source>
        <translation>导入的对话</translation>
    </message>
</context>
<context>
    <name>IndexWorker</name>
    <message>
        <source>The embedding model cannot be used (%1); searching by words only.</source>
        <translation>无法使用嵌入模型（%1）；仅按词语搜索。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <source>No model is loaded.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
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
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the answer; the text so far is kept (Esc)</source>
        <translation>停止回答；已生成的文字会保留（Esc）</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
    <message>
        <source>%1 – Ponder</source>
        <translation>%1 – Ponder</translation>
    </message>
    <message>
        <source>Chat “%1” deleted</source>
        <translation>已删除聊天“%1”</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Restore the deleted chat</source>
        <translation>恢复已删除的聊天</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>导出聊天</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Import a chat</source>
        <translation>导入聊天</translation>
    </message>
    <message>
        <source>Ponder chat export (*.json)</source>
        <translation>Ponder 聊天导出文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You said: %1</source>
        <translation>您说：%1</translation>
    </message>
    <message>
        <source>Ponder answered: %1</source>
        <translation>Ponder 回答：%1</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends the edited message as a new branch</source>
        <translation>Ctrl+Enter 将编辑后的消息作为新分支发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation>保持消息原样（Esc）</translation>
    </message>
    <message>
        <source>Send edit</source>
        <translation>发送修改</translation>
    </message>
    <message>
        <source>Send the edited message; the old one stays as another branch</source>
        <translation>发送编辑后的消息；旧消息作为另一个分支保留</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the message text</source>
        <translation>复制消息文字</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit and resend; the old message and its answers stay as a branch</source>
        <translation>编辑并重新发送；旧消息及其回答作为分支保留</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Answer again; this answer stays as a branch</source>
        <translation>重新回答；此回答作为分支保留</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1 tokens · %2 tokens/s</source>
        <translation>%1 个词元 · 每秒 %2 个词元</translation>
    </message>
    <message>
        <source>Searching your documents…</source>
        <translation>正在搜索您的文档…</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>Formula: %1</source>
        <translation>公式：%1</translation>
    </message>
</context>
<context>
    <name>ModelDownloader</name>
    <message>
        <source>The server answered %1 %2 for %3.</source>
        <translation>服务器对 %3 的响应为 %1 %2。</translation>
    </message>
    <message>
        <source>The file needs a login or is not public.</source>
        <translation>该文件需要登录或未公开。</translation>
    </message>
    <message>
        <source>The file is no longer at this address.</source>
        <translation>该文件已不在此地址。</translation>
    </message>
    <message>
        <source>The server has a problem; try again later.</source>
        <translation>服务器出现问题；请稍后再试。</translation>
    </message>
    <message>
        <source>Only http and https addresses can be downloaded, not “%1”.</source>
        <translation>只能下载 http 和 https 地址，不能下载“%1”。</translation>
    </message>
    <message>
        <source>“%1” is not a model file name Ponder will write.</source>
        <translation>“%1”不是 Ponder 会写入的模型文件名。</translation>
    </message>
    <message>
        <source>The models folder %1 could not be created.</source>
        <translation>无法创建模型文件夹 %1。</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs %1 more, but only %2 is free in %3.</source>
        <translation>磁盘空间不足：下载还需要 %1，但 %3 中只有 %2 可用。</translation>
    </message>
    <message>
        <source>Could not write the download&apos;s notes in %1: %2</source>
        <translation>无法在 %1 中写入下载记录：%2</translation>
    </message>
    <message>
        <source>There is no interrupted download of %1 to resume.</source>
        <translation>没有可以继续的 %1 的中断下载。</translation>
    </message>
    <message>
        <source>The partial download %1 could not be read: %2</source>
        <translation>无法读取未完成的下载 %1：%2</translation>
    </message>
    <message>
        <source>Could not open %1 for writing: %2</source>
        <translation>无法打开 %1 进行写入：%2</translation>
    </message>
    <message>
        <source>Could not prepare %1: %2</source>
        <translation>无法准备 %1：%2</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer (%1 %2).</source>
        <translation>服务器给出了意外的响应（%1 %2）。</translation>
    </message>
    <message>
        <source>The server offers %1 bytes, but the catalog expects %2. The file may have changed; the download was stopped.</source>
        <translation>服务器提供 %1 字节，但目录期望 %2。文件可能已更改；下载已停止。</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs %1 more, but only %2 is free.</source>
        <translation>磁盘空间不足：下载还需要 %1，但只有 %2 可用。</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2. Free some disk space, then resume.</source>
        <translation>写入 %1 失败：%2。请释放一些磁盘空间，然后继续。</translation>
    </message>
    <message>
        <source>the server stopped sending data</source>
        <translation>服务器停止发送数据</translation>
    </message>
    <message>
        <source>The download was interrupted (%1). Resume continues where it stopped.</source>
        <translation>下载已中断（%1）。继续将从中断处开始。</translation>
    </message>
    <message>
        <source>The connection closed after %1 of %2. Resume continues where it stopped.</source>
        <translation>连接在 %1 / %2 后关闭。继续将从中断处开始。</translation>
    </message>
    <message>
        <source>The download has %1 bytes instead of %2; it was deleted.</source>
        <translation>下载的文件有 %1 字节而不是 %2；已删除。</translation>
    </message>
    <message>
        <source>The downloaded file is damaged: its SHA-256 checksum does not match the catalog. It was deleted; start the download again.</source>
        <translation>下载的文件已损坏：其 SHA-256 校验和与目录不符。已删除；请重新开始下载。</translation>
    </message>
    <message>
        <source>The server did not send a GGUF model file; it was deleted.</source>
        <translation>服务器发送的不是 GGUF 模型文件；已删除。</translation>
    </message>
    <message>
        <source>%1 already exists in the models folder.</source>
        <translation>模型文件夹中已存在 %1。</translation>
    </message>
    <message>
        <source>The finished download could not be renamed to %1.</source>
        <translation>无法将完成的下载重命名为 %1。</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>No model is loaded. Open a GGUF file to start chatting.</source>
        <translation>尚未加载模型。打开一个 GGUF 文件即可开始聊天。</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Active per token</source>
        <translation>每个词元激活</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>%1 of %2 used per token</source>
        <translation>每个词元使用 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>%1 tokens (trained for %2)</source>
        <translation>%1 个词元（训练长度 %2）</translation>
    </message>
    <message>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>最近使用的模型</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Open a GGUF model file from this computer</source>
        <translation>从本机打开 GGUF 模型文件</translation>
    </message>
    <message>
        <source>Browse models…</source>
        <translation>浏览模型…</translation>
    </message>
    <message>
        <source>Recommended models, what fits your GPU, downloads</source>
        <translation>推荐模型、适合您的 GPU 的模型、下载</translation>
    </message>
    <message>
        <source>Copying the model to the GPU</source>
        <translation>正在将模型复制到 GPU</translation>
    </message>
    <message>
        <source>Not on the GPU: %1</source>
        <translation>未在 GPU 上运行：%1</translation>
    </message>
    <message>
        <source>The GPU stopped responding, so %1 was closed. Your chats are safe.</source>
        <translation>GPU 停止了响应，因此已关闭 %1。您的聊天内容是安全的。</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Open %1 again on the GPU</source>
        <translation>在 GPU 上重新打开 %1</translation>
    </message>
    <message>
        <source>Open on the CPU</source>
        <translation>在 CPU 上打开</translation>
    </message>
    <message>
        <source>Open %1 on the CPU this time: slower, but it does not depend on the GPU</source>
        <translation>这次在 CPU 上打开 %1：速度较慢，但不依赖 GPU</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>NumberSetting</name>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
</context>
<context>
    <name>ReasoningPanel</name>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Thought for %1 ms, %2 tokens</source>
        <translation>思考了 %1 毫秒，%2 个词元</translation>
    </message>
    <message>
        <source>Thought for %1 ms</source>
        <translation>思考了 %1 毫秒</translation>
    </message>
    <message>
        <source>Thought for %1 s, %2 tokens</source>
        <translation>思考了 %1 秒，%2 个词元</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>思考了 %1 秒</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <source>Hide the model&apos;s reasoning</source>
        <translation>隐藏模型的推理过程</translation>
    </message>
    <message>
        <source>Show the model&apos;s reasoning step by step</source>
        <translation>逐步显示模型的推理过程</translation>
    </message>
    <message>
        <source>Reasoning steps</source>
        <translation>推理步骤</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>RetrievalWorker</name>
    <message>
        <source>The embedding model cannot be used (%1); searching your documents by words only.</source>
        <translation>无法使用嵌入模型（%1）；仅按词语搜索您的文档。</translation>
    </message>
    <message>
        <source>The documents cannot be searched: %1</source>
        <translation>无法搜索文档：%1</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Leave a field empty to use what the model file recommends.</source>
        <translation>留空则使用模型文件推荐的值。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused (0 to 2)</source>
        <translation>越高越多样，越低越集中（0 到 2）</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Sample only from the k most likely tokens (0: off)</source>
        <translation>只从概率最高的 k 个词元中采样（0：关闭）</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Sample from the smallest set of tokens whose probabilities add up to p (0 to 1)</source>
        <translation>从概率之和达到 p 的最小词元集合中采样（0 到 1）</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Drop tokens less likely than p times the most likely one (0 to 1)</source>
        <translation>丢弃概率低于最高概率 p 倍的词元（0 到 1）</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating recent tokens</source>
        <translation>大于 1 时抑制重复最近的词元</translation>
    </message>
    <message>
        <source>Maximum answer length (tokens)</source>
        <translation>最大回答长度（词元）</translation>
    </message>
    <message>
        <source>Empty: until the model stops or the context is full</source>
        <translation>留空：直到模型停止或上下文已满</translation>
    </message>
    <message>
        <source>Use the model&apos;s recommendations</source>
        <translation>使用模型的推荐值</translation>
    </message>
    <message>
        <source>Clear all sampling fields</source>
        <translation>清空所有采样字段</translation>
    </message>
    <message>
        <source>Model and hardware</source>
        <translation>模型与硬件</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Tokens the model can see at once; applies when a model is next opened</source>
        <translation>模型一次能看到的词元数；下次打开模型时生效</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Choose automatically</source>
        <translation>自动选择</translation>
    </message>
    <message>
        <source>The Vulkan device that will run models</source>
        <translation>将运行模型的 Vulkan 设备</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Keep the reasoning open after the answer starts</source>
        <translation>回答开始后保持推理过程展开</translation>
    </message>
    <message>
        <source>Otherwise it folds into one line, which a click opens again</source>
        <translation>否则会折叠成一行，点击即可再次展开</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Changes the language of Ponder at once</source>
        <translation>立即更改 Ponder 的语言</translation>
    </message>
    <message>
        <source>Version %1 (git %2)
Qt %3
Vulkan %4
GPU: %5</source>
        <translation>版本 %1（git %2）
Qt %3
Vulkan %4
GPU：%5</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>CPU only (much slower)</source>
        <translation>仅 CPU（慢得多）</translation>
    </message>
    <message>
        <source>Applies when a model is next opened. A model the GPU cannot run (too big, or an architecture Ponder does not run on Vulkan yet) runs on the CPU, and Ponder says so.</source>
        <translation>下次打开模型时生效。GPU 无法运行的模型（太大，或 Ponder 尚不能在 Vulkan 上运行的架构）将在 CPU 上运行，Ponder 会提示。</translation>
    </message>
    <message>
        <source>About Ponder</source>
        <translation>关于 Ponder</translation>
    </message>
    <message>
        <source>looking for devices…</source>
        <translation>正在查找设备…</translation>
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
    <message>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>开始新聊天（Ctrl+N）</translation>
    </message>
    <message>
        <source>Searches titles, messages and reasoning (Ctrl+K)</source>
        <translation>搜索标题、消息和推理过程（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>未找到结果</translation>
    </message>
    <message>
        <source>No chat contains all of these words.</source>
        <translation>没有聊天包含所有这些词。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Open a chat exported as JSON</source>
        <translation>打开导出为 JSON 的聊天</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sampling, context length, GPU, theme and language (Ctrl+,)</source>
        <translation>采样、上下文长度、GPU、主题和语言（Ctrl+,）</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Collections of your files that chats can answer from</source>
        <translation>聊天可以据以作答的文件集合</translation>
    </message>
</context>
<context>
    <name>Snackbar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The conversation database was written by a newer version of Ponder (schema %1; this version knows up to %2). Please update Ponder; the file was left untouched.</source>
        <translation>对话数据库由更新版本的 Ponder 写入（架构 %1；此版本最高支持 %2）。请更新 Ponder；该文件未被改动。</translation>
    </message>
    <message>
        <source>Ponder could not read its conversation database (%1). The file was kept and moved to %2; Ponder started with an empty history.</source>
        <translation>Ponder 无法读取其对话数据库（%1）。该文件已保留并移至 %2；Ponder 以空的历史记录启动。</translation>
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
<context>
    <name>SystemPromptBar</name>
    <message>
        <source>System prompt: %1</source>
        <translation>系统提示词：%1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Instructions the model gets before this chat; shown or hidden</source>
        <translation>模型在此聊天前收到的指示；显示或隐藏</translation>
    </message>
    <message>
        <source>For example: You are a concise assistant. Answer in English.</source>
        <translation>例如：你是一个简洁的助手。请用中文回答。</translation>
    </message>
    <message>
        <source>Saved when the field loses focus</source>
        <translation>字段失去焦点时保存</translation>
    </message>
</context>
<context>
    <name>conversationexport</name>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Reasoning (%1 s)</source>
        <translation>推理过程（%1 秒）</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>在结束前已停止。</translation>
    </message>
    <message>
        <source>Still being written.</source>
        <translation>仍在撰写中。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <source>Exported from Ponder on %1.</source>
        <translation>于 %1 从 Ponder 导出。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
</context>
<context>
    <name>textextract</name>
    <message>
        <source>The PDF is password-protected.</source>
        <translation>该 PDF 受密码保护。</translation>
    </message>
    <message>
        <source>The file cannot be opened.</source>
        <translation>无法打开该文件。</translation>
    </message>
    <message>
        <source>The PDF is damaged or not a PDF.</source>
        <translation>该 PDF 已损坏或不是 PDF。</translation>
    </message>
    <message>
        <source>The PDF cannot be read (error %1).</source>
        <translation>无法读取该 PDF（错误 %1）。</translation>
    </message>
    <message>
        <source>The PDF has no pages.</source>
        <translation>该 PDF 没有页面。</translation>
    </message>
    <message>
        <source>The file no longer exists.</source>
        <translation>文件已不存在。</translation>
    </message>
    <message>
        <source>Not a regular file.</source>
        <translation>不是普通文件。</translation>
    </message>
    <message>
        <source>This file type is not supported.</source>
        <translation>不支持此文件类型。</translation>
    </message>
    <message>
        <source>Word documents (.docx) are not supported yet; save as PDF or text.</source>
        <translation>尚不支持 Word 文档（.docx）；请另存为 PDF 或文本。</translation>
    </message>
    <message>
        <source>The file is too large to index (%1 MiB; the limit is %2 MiB).</source>
        <translation>文件太大，无法索引（%1 MiB；上限为 %2 MiB）。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>The file is not text.</source>
        <translation>该文件不是文本。</translation>
    </message>
</context>
</TS>
