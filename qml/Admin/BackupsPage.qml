import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.Core
import Conversa.Admin

// Backups, for administrators: the archives with a status filter; a new backup with its progress
// until the server says it is done; the chosen one's details, download (with a progress bar),
// restore (after a confirmation that names what will be lost) and delete; and the upload of an
// archive from another machine. Each action is shown to who may do it.
SplitView {
    id: root

    required property AppContext app
    readonly property BackupsController controller: ctl
    readonly property var backup: ctl.item
    readonly property bool chosen: ctl.itemId !== 0

    objectName: "backupsPage"

    BackupsController {
        id: ctl
        app: root.app
    }

    function statusText(status: string): string {
        return status === "in_progress" ? qsTr("In progress") : status === "completed" ? qsTr("Completed")
             : status === "failed" ? qsTr("Failed") : status
    }
    function originText(origin: string): string {
        return origin === "manual" ? qsTr("Manual") : origin === "scheduled" ? qsTr("Scheduled")
             : origin === "upload" ? qsTr("Uploaded") : origin === "cli" ? qsTr("Command line") : origin
    }
    function when(iso: string): string {
        return iso ? new Date(iso).toLocaleString(Qt.locale(), Locale.ShortFormat) : "—"
    }
    function sizeText(bytes: real): string {
        return bytes >= 1048576 ? qsTr("%1 MB").arg((bytes / 1048576).toFixed(1))
             : bytes >= 1024 ? qsTr("%1 KB").arg((bytes / 1024).toFixed(1)) : qsTr("%1 bytes").arg(bytes)
    }
    // The chosen row, kept current as the list changes (a backup finishing).
    function choose(row: int) {
        ctl.clearMessages()
        ctl.open(ctl.model.get(row).id)
    }

    ResourceList {
        id: list
        objectName: "backupList"
        SplitView.preferredWidth: 460
        SplitView.minimumWidth: 340
        model: ctl.model
        searchable: false
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ColumnLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                spacing: Theme.spacingXs
                ComboBox {
                    objectName: "backupStatusFilter"
                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "", text: qsTr("Any status") },
                            { value: "in_progress", text: root.statusText("in_progress") },
                            { value: "completed", text: root.statusText("completed") },
                            { value: "failed", text: root.statusText("failed") }]
                    onActivated: ctl.model.filters = { status: currentValue }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        objectName: "createBackupButton"
                        visible: ctl.canCreate
                        enabled: !ctl.creating && !ctl.restoring
                        text: qsTr("Back up now")
                        highlighted: true
                        onClicked: ctl.create()
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "uploadBackupButton"
                        visible: ctl.canRestore
                        enabled: !ctl.uploading && !ctl.restoring
                        text: qsTr("Upload an archive…")
                        onClicked: uploadDialog.open()
                    }
                }
                // The backup asked for here, until the server says it is done.
                RowLayout {
                    objectName: "backupCreating"
                    Layout.fillWidth: true
                    visible: ctl.creating
                    BusyIndicator {
                        implicitWidth: 24
                        implicitHeight: 24
                        running: ctl.creating
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Writing and checking the backup…")
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                }
                ProgressBar {
                    objectName: "backupUploadProgress"
                    Layout.fillWidth: true
                    visible: ctl.uploading
                    value: ctl.uploadProgress
                }
            }
        ]

        rowDelegate: ItemDelegate {
            id: row
            required property int index
            required property real itemId
            required property var item
            objectName: "backupRow_" + itemId
            width: ListView.view.width
            highlighted: ListView.isCurrentItem || ctl.itemId === itemId
            background: Rectangle {
                color: row.highlighted ? Theme.rowSelected : row.hovered ? Theme.rowHover : "transparent"
            }
            onClicked: {
                ListView.view.currentIndex = index
                root.choose(index)
            }
            contentItem: RowLayout {
                spacing: Theme.spacingS
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: root.when(row.item.started_at)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [root.originText(row.item.origin || ""),
                               row.item.size_bytes ? root.sizeText(row.item.size_bytes) : ""].filter(s => s.length > 0).join(" · ")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        elide: Text.ElideRight
                    }
                }
                Label {
                    text: root.statusText(row.item.status)
                    color: row.item.status === "failed" ? Theme.danger
                         : row.item.status === "in_progress" ? Theme.warningText : Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }

    Pane {
        objectName: "backupDetail"
        SplitView.fillWidth: true
        background: Rectangle { color: Theme.window }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacingS

            Label {
                objectName: "backupMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                text: ctl.errorMessage.length > 0 ? ctl.errorMessage : ctl.notice
                color: ctl.errorMessage.length > 0 ? Theme.danger : Theme.textMuted
                wrapMode: Text.Wrap
            }
            ColumnLayout {
                Layout.fillWidth: true
                visible: ctl.download.active
                ProgressBar {
                    objectName: "backupDownloadProgress"
                    Layout.fillWidth: true
                    indeterminate: ctl.download.progress < 0
                    value: Math.max(0, ctl.download.progress)
                }
                Label {
                    text: qsTr("%1 received").arg(root.sizeText(ctl.download.bytesReceived))
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: ctl.restoring
                BusyIndicator {
                    implicitWidth: 24
                    implicitHeight: 24
                    running: ctl.restoring
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Restoring: checking the archive, then replacing the data…")
                    wrapMode: Text.Wrap
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: !root.chosen
                text: qsTr("Choose a backup")
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            ColumnLayout {
                objectName: "backupInfo"
                Layout.fillWidth: true
                visible: root.chosen
                spacing: Theme.spacingS

                Label {
                    objectName: "backupTitle"
                    text: qsTr("Backup of %1").arg(root.when(root.backup.started_at || ""))
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    Label { text: qsTr("Status"); color: Theme.textMuted }
                    Label {
                        objectName: "backupStatus"
                        text: root.statusText(root.backup.status || "")
                    }
                    Label { text: qsTr("Origin"); color: Theme.textMuted }
                    Label { text: root.originText(root.backup.origin || "") }
                    Label { text: qsTr("Finished"); color: Theme.textMuted }
                    Label { text: root.when(root.backup.finished_at || "") }
                    Label { text: qsTr("Size"); color: Theme.textMuted }
                    Label { text: root.backup.size_bytes ? root.sizeText(root.backup.size_bytes) : "—" }
                    Label { text: qsTr("Database"); color: Theme.textMuted }
                    Label {
                        text: root.backup.engine ? root.backup.engine + " · " + qsTr("schema %1").arg(root.backup.schema_version) : "—"
                    }
                    Label { text: qsTr("File"); color: Theme.textMuted }
                    Label {
                        Layout.fillWidth: true
                        text: root.backup.file_name || "—"
                        elide: Text.ElideMiddle
                    }
                    Label { text: "SHA-256"; color: Theme.textMuted }
                    Label {
                        Layout.fillWidth: true
                        text: root.backup.sha256 || "—"
                        elide: Text.ElideMiddle
                        font.family: "monospace"
                    }
                    Label {
                        visible: !!root.backup.error
                        text: qsTr("Error")
                        color: Theme.textMuted
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !!root.backup.error
                        text: root.backup.error || ""
                        color: Theme.danger
                        wrapMode: Text.Wrap
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Button {
                        objectName: "downloadBackupButton"
                        visible: root.backup.status === "completed"
                        enabled: !ctl.download.active
                        text: qsTr("Download…")
                        onClicked: downloadDialog.open()
                    }
                    Button {
                        objectName: "restoreBackupButton"
                        visible: ctl.canRestore && root.backup.status === "completed"
                        enabled: !ctl.restoring && !ctl.creating
                        text: qsTr("Restore…")
                        palette.buttonText: Theme.danger
                        onClicked: confirmRestore.open()
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "deleteBackupButton"
                        visible: ctl.canDelete && root.backup.status !== "in_progress"
                        enabled: !ctl.restoring
                        text: qsTr("Delete")
                        palette.buttonText: Theme.danger
                        onClicked: confirmDelete.open()
                    }
                }
            }
            Item { Layout.fillHeight: true; visible: root.chosen }
        }
    }

    ConfirmDialog {
        id: confirmRestore
        objectName: "confirmRestoreDialog"
        title: qsTr("Restore this backup?")
        message: qsTr("Everything since %1 will be lost: the chats, messages, clients, tasks and users' changes made "
                      + "after that moment are replaced by the backup's data, and so are the uploaded files. "
                      + "Every user is signed out, on every device; you carry on if your account exists in the backup.")
                 .arg(root.when(root.backup.finished_at || root.backup.started_at || ""))
        onConfirmed: ctl.restore(ctl.itemId)
    }
    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteBackupDialog"
        title: qsTr("Delete this backup?")
        message: qsTr("The backup of %1 and its archive will be deleted; it cannot be restored afterwards.")
                 .arg(root.when(root.backup.started_at || ""))
        onConfirmed: ctl.remove(ctl.itemId)
    }
    FileDialog {
        id: downloadDialog
        objectName: "downloadBackupDialog"
        title: qsTr("Save the backup")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "zip"
        nameFilters: [qsTr("Backup archives (*.zip)")]
        onAccepted: ctl.downloadTo(ctl.itemId, selectedFile)
    }
    FileDialog {
        id: uploadDialog
        objectName: "uploadBackupDialog"
        title: qsTr("Upload a backup archive")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Backup archives (*.zip)")]
        onAccepted: ctl.upload(selectedFile)
    }
}
