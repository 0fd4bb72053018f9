import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// One WhatsApp number (docs/PROVIDERS.md): a new one's form — Meta Cloud API (the ids and token
// from Meta's console) or WPPConnect (its server, session and key) — or an existing one's detail
// with the webhook URL to paste at the provider, and its connection: status, last error, the
// latest health check and the connection history, with reconnect and disconnect. Secrets are
// never shown: an empty secret field keeps the saved one.
Pane {
    id: root

    required property NumbersController controller
    required property var page
    readonly property var number: root.controller.item
    readonly property var connection: root.controller.connection
    readonly property bool creating: root.controller.itemId === 0
    readonly property bool editable: root.creating ? root.controller.canCreate : root.controller.canUpdate
    readonly property FormErrors errors: root.controller.errors
    readonly property bool meta: (root.creating ? provider.currentValue : root.number.provider) === "meta"

    function values(): var {
        const v = {
            provider: provider.currentValue,
            phone_number: phone.text,
            display_name: displayName.text,
            daily_message_limit: dailyLimit.value,
            rate_limit_per_minute: rateLimit.value,
            meta_phone_number_id: metaPhoneId.text,
            meta_business_account_id: metaWaba.text,
            meta_access_token: metaToken.text,
            meta_app_secret: metaSecret.text,
            webhook_verify_token: verifyToken.text,
            wppconnect_server_url: wppUrl.text,
            wppconnect_session_name: wppSession.text,
            wppconnect_api_key: wppKey.text
        }
        if (!root.creating)
            v.status = numberStatus.currentValue
        return v
    }
    function load() {
        const n = root.number
        provider.currentIndex = Math.max(0, provider.indexOfValue(n.provider || "meta"))
        phone.text = n.phone_number || ""
        displayName.text = n.display_name || ""
        dailyLimit.value = n.daily_message_limit || 1000
        rateLimit.value = n.rate_limit_per_minute || 60
        metaPhoneId.text = n.meta_phone_number_id || ""
        metaWaba.text = n.meta_business_account_id || ""
        wppUrl.text = n.wppconnect_server_url || ""
        wppSession.text = n.wppconnect_session_name || ""
        numberStatus.currentIndex = Math.max(0, numberStatus.indexOfValue(n.status === "inactive" ? "inactive" : "active"))
        for (const secret of [metaToken, metaSecret, verifyToken, wppKey])
            secret.text = ""
    }
    function secretHint(saved: bool): string {
        return saved ? qsTr("Saved; leave empty to keep it") : ""
    }

    objectName: "numberForm"
    visible: root.creating ? root.controller.canCreate : true
    background: Rectangle { color: Theme.window }

    Connections {
        target: root.controller
        function onItemChanged() { root.load() }
    }
    Component.onCompleted: root.load()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        Label {
            objectName: "numberFormTitle"
            text: root.creating ? qsTr("New WhatsApp number") : root.number.display_name + " · " + root.number.phone_number
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
        Label {
            objectName: "numberFormMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.errorMessage || root.controller.notice
            color: root.controller.errorMessage ? Theme.danger : Theme.accent
            wrapMode: Text.Wrap
        }
        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

            ColumnLayout {
                width: Math.min(scroll.availableWidth, 640)
                spacing: Theme.spacingS

                // Where the provider must send its webhooks.
                Label {
                    visible: !root.creating && !!root.number.webhook_url
                    text: root.meta ? qsTr("Callback URL for Meta's console (WhatsApp › Configuration › Webhook), with the verify token below")
                                    : qsTr("Webhook URL for the WPPConnect server (already given when the session starts)")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    color: Theme.textMuted
                }
                RowLayout {
                    visible: !root.creating && !!root.number.webhook_url
                    Layout.fillWidth: true
                    TextField {
                        id: webhookUrl
                        objectName: "webhookUrlField"
                        Layout.fillWidth: true
                        readOnly: true
                        selectByMouse: true
                        text: root.number.webhook_url || ""
                    }
                    Button {
                        text: qsTr("Copy")
                        onClicked: {
                            webhookUrl.selectAll()
                            webhookUrl.copy()
                        }
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    rowSpacing: Theme.spacingXs
                    enabled: root.editable

                    Label { text: qsTr("Provider") }
                    ComboBox {
                        id: provider
                        objectName: "providerField"
                        Layout.fillWidth: true
                        enabled: root.creating
                        textRole: "text"
                        valueRole: "value"
                        model: [ { value: "meta", text: "Meta Cloud API" }, { value: "wppconnect", text: "WPPConnect" } ]
                    }
                    Label { text: qsTr("Phone number") }
                    TextField { id: phone; objectName: "numberPhoneField"; Layout.fillWidth: true; placeholderText: "+573001234567" }
                    Item { width: 1 }
                    FieldError { objectName: "numberPhoneError"; Layout.fillWidth: true; errors: root.errors; field: "phone_number" }
                    Label { text: qsTr("Display name") }
                    TextField { id: displayName; objectName: "numberNameField"; Layout.fillWidth: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "display_name" }
                    Label { text: qsTr("Status"); visible: !root.creating }
                    ComboBox {
                        id: numberStatus
                        visible: !root.creating
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [ { value: "active", text: qsTr("Active") }, { value: "inactive", text: qsTr("Inactive") } ]
                    }
                    Label { text: qsTr("Messages per day") }
                    SpinBox { id: dailyLimit; from: 1; to: 1000000; editable: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "daily_message_limit" }
                    Label { text: qsTr("Messages per minute") }
                    SpinBox { id: rateLimit; from: 1; to: 6000; editable: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "rate_limit_per_minute" }

                    // Meta Cloud API: from developers.facebook.com › the app › WhatsApp › API Setup.
                    Label { visible: root.meta; text: qsTr("Phone number ID") }
                    TextField {
                        id: metaPhoneId
                        objectName: "metaPhoneIdField"
                        visible: root.meta
                        Layout.fillWidth: true
                        placeholderText: qsTr("WhatsApp › API Setup › Phone number ID")
                    }
                    Item { width: 1; visible: root.meta }
                    FieldError { visible: root.meta; Layout.fillWidth: true; errors: root.errors; field: "meta_phone_number_id" }
                    Label { visible: root.meta; text: qsTr("Business account ID") }
                    TextField {
                        id: metaWaba
                        visible: root.meta
                        Layout.fillWidth: true
                        placeholderText: qsTr("WhatsApp › API Setup › WhatsApp Business Account ID")
                    }
                    Item { width: 1; visible: root.meta }
                    FieldError { visible: root.meta; Layout.fillWidth: true; errors: root.errors; field: "meta_business_account_id" }
                    Label { visible: root.meta; text: qsTr("Access token") }
                    TextField {
                        id: metaToken
                        objectName: "metaTokenField"
                        visible: root.meta
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: root.secretHint(!!root.number.has_meta_access_token) || qsTr("A system user's permanent token")
                    }
                    Item { width: 1; visible: root.meta }
                    FieldError { objectName: "metaTokenError"; visible: root.meta; Layout.fillWidth: true; errors: root.errors; field: "meta_access_token" }
                    Label { visible: root.meta; text: qsTr("App secret") }
                    TextField {
                        id: metaSecret
                        visible: root.meta
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: root.secretHint(!!root.number.has_meta_app_secret) || qsTr("App settings › Basic › App secret (signs the webhooks)")
                    }
                    Item { width: 1; visible: root.meta }
                    FieldError { visible: root.meta; Layout.fillWidth: true; errors: root.errors; field: "meta_app_secret" }
                    Label { visible: root.meta; text: qsTr("Verify token") }
                    TextField {
                        id: verifyToken
                        visible: root.meta
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: root.secretHint(!!root.number.has_webhook_verify_token) || qsTr("Any text; the same in Meta's webhook settings")
                    }
                    Item { width: 1; visible: root.meta }
                    FieldError { visible: root.meta; Layout.fillWidth: true; errors: root.errors; field: "webhook_verify_token" }

                    // WPPConnect: its server, the session for this phone and the server's secret key.
                    Label { visible: !root.meta; text: qsTr("Server URL") }
                    TextField { id: wppUrl; objectName: "wppUrlField"; visible: !root.meta; Layout.fillWidth: true; placeholderText: "http://wppconnect:21465" }
                    Item { width: 1; visible: !root.meta }
                    FieldError { visible: !root.meta; Layout.fillWidth: true; errors: root.errors; field: "wppconnect_server_url" }
                    Label { visible: !root.meta; text: qsTr("Session name") }
                    TextField { id: wppSession; objectName: "wppSessionField"; visible: !root.meta; Layout.fillWidth: true }
                    Item { width: 1; visible: !root.meta }
                    FieldError { visible: !root.meta; Layout.fillWidth: true; errors: root.errors; field: "wppconnect_session_name" }
                    Label { visible: !root.meta; text: qsTr("API key") }
                    TextField {
                        id: wppKey
                        objectName: "wppKeyField"
                        visible: !root.meta
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: root.secretHint(!!root.number.has_wppconnect_api_key) || qsTr("The server's SECRET_KEY")
                    }
                    Item { width: 1; visible: !root.meta }
                    FieldError { visible: !root.meta; Layout.fillWidth: true; errors: root.errors; field: "wppconnect_api_key" }
                }

                // The connection, as the server last saw it.
                Label {
                    visible: !root.creating
                    Layout.topMargin: Theme.spacingM
                    text: qsTr("Connection")
                    font.bold: true
                }
                Label {
                    objectName: "connectionStatusLabel"
                    visible: !root.creating
                    text: root.page.connectionText(root.connection.connection_status || root.number.connection_status || "")
                          + (root.connection.last_error ? " · " + root.connection.last_error : "")
                    color: root.page.connectionColor(root.connection.connection_status || "")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: !root.creating
                    text: root.connection.health
                          ? (root.connection.health.is_healthy ? qsTr("Healthy") : qsTr("Unhealthy")) + " · "
                            + qsTr("%1 ms").arg(root.connection.health.response_time_ms)
                            + (root.connection.health.provider_status ? " · " + root.connection.health.provider_status : "")
                            + (root.connection.health.error ? " · " + root.connection.health.error : "")
                          : qsTr("No health check yet")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: !root.creating
                    text: qsTr("Sent %1 · received %2").arg(root.number.total_messages_sent || 0).arg(root.number.total_messages_received || 0)
                    color: Theme.textMuted
                }
                // WPPConnect: the QR that links the phone, until it is scanned.
                Label {
                    visible: !root.creating && !root.meta && root.controller.qrCode.length > 0
                    Layout.fillWidth: true
                    text: qsTr("Scan it on the phone: WhatsApp › Settings › Linked devices › Link a device")
                    wrapMode: Text.Wrap
                }
                Image {
                    objectName: "qrImage"
                    visible: !root.creating && !root.meta && root.controller.qrCode.length > 0
                    source: root.controller.qrCode
                    Layout.preferredWidth: 240
                    Layout.preferredHeight: 240
                    fillMode: Image.PreserveAspectFit
                    smooth: false   // a QR's modules stay sharp
                }
                Button {
                    objectName: "showQrButton"
                    visible: !root.creating && !root.meta && root.controller.canUpdate
                    text: root.controller.qrCode.length > 0 ? qsTr("New QR code") : qsTr("Show the QR code")
                    onClicked: root.controller.loadQr()
                }
                Repeater {
                    objectName: "connectionHistory"
                    model: root.creating ? [] : (root.connection.history || [])
                    delegate: Label {
                        required property var modelData
                        text: new Date(modelData.created_at).toLocaleString(Qt.locale(), Locale.ShortFormat) + " · "
                              + root.page.connectionText(modelData.status) + (modelData.detail ? " · " + modelData.detail : "")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
            }
        }
        // Always in view, below the form.
        RowLayout {
            spacing: Theme.spacingS
            Button {
                objectName: "saveNumberButton"
                visible: root.editable
                text: root.creating ? qsTr("Create") : qsTr("Save")
                highlighted: true
                enabled: !root.controller.busy
                onClicked: root.controller.save(root.values())
            }
            Button {
                objectName: "reconnectNumberButton"
                visible: !root.creating && root.controller.canUpdate
                text: qsTr("Connect")
                enabled: !root.controller.busy
                onClicked: root.controller.reconnect()
            }
            Button {
                objectName: "disconnectNumberButton"
                visible: !root.creating && root.controller.canUpdate
                text: qsTr("Disconnect")
                enabled: !root.controller.busy
                onClicked: root.controller.disconnectNumber()
            }
            Button {
                objectName: "refreshConnectionButton"
                visible: !root.creating
                text: qsTr("Refresh status")
                onClicked: root.controller.loadConnection()
            }
            Button {
                objectName: "deleteNumberButton"
                visible: !root.creating && root.controller.canDelete
                text: qsTr("Delete")
                palette.buttonText: Theme.danger
                onClicked: confirmDelete.open()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteNumber"
        title: qsTr("Delete number")
        message: qsTr("Delete %1? Its campaigns lose it and no more messages are sent or received on it.").arg(root.number.phone_number || "")
        onConfirmed: root.controller.remove(root.controller.itemId)
    }
}
