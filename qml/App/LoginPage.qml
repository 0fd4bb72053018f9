import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Sign in: server, email, password and "remember me"; then the second factor when the account
// has it. Everything goes through SessionController.
Page {
    id: root

    required property AppContext app
    readonly property SessionController session: root.app.session
    readonly property bool secondStep: root.session.stage === SessionController.TwoFactorRequired

    objectName: "loginPage"

    function submit(): void {
        if (root.secondStep)
            root.session.verifyTwoFactor(codeField.text)
        else
            root.session.login(serverField.text, emailField.text, passwordField.text, rememberBox.checked)
    }

    Pane {
        anchors.centerIn: parent
        width: 420
        padding: 24

        ColumnLayout {
            anchors.fill: parent
            spacing: 10

            Label {
                text: qsTr("Conversa")
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: root.secondStep ? qsTr("Two-step verification") : qsTr("Sign in to your workstation")
                Layout.alignment: Qt.AlignHCenter
            }

            ColumnLayout {
                visible: !root.secondStep
                spacing: 6
                Layout.fillWidth: true

                Label { text: qsTr("Server") }
                TextField {
                    id: serverField
                    objectName: "serverField"
                    Layout.fillWidth: true
                    text: root.session.serverUrl
                    placeholderText: "https://conversa.example.com"
                    inputMethodHints: Qt.ImhUrlCharactersOnly
                    onAccepted: root.submit()
                }
                Label { text: qsTr("Email") }
                TextField {
                    id: emailField
                    objectName: "emailField"
                    Layout.fillWidth: true
                    text: root.session.email
                    placeholderText: qsTr("agent@company.com")
                    inputMethodHints: Qt.ImhEmailCharactersOnly
                    onAccepted: root.submit()
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: passwordField
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    focus: true
                    onAccepted: root.submit()
                }
                CheckBox {
                    id: rememberBox
                    objectName: "rememberBox"
                    text: qsTr("Remember me on this computer")
                    checked: root.session.rememberMe
                }
            }

            ColumnLayout {
                visible: root.secondStep
                spacing: 6
                Layout.fillWidth: true

                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: qsTr("Enter the 6-digit code from your authenticator app, or one of your backup codes.")
                }
                TextField {
                    id: codeField
                    objectName: "codeField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Code")
                    onAccepted: root.submit()
                    onVisibleChanged: if (visible) forceActiveFocus()
                }
                Button {
                    flat: true
                    text: qsTr("Back")
                    onClicked: root.session.cancelTwoFactor()
                }
            }

            Label {
                objectName: "errorLabel"
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.session.errorMessage
                color: Theme.danger
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "noticeLabel"
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.session.notice
                color: Theme.warningText
                wrapMode: Text.Wrap
            }

            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    objectName: "languageBox"
                    model: [ { value: "es", text: "Español" }, { value: "en", text: "English" } ]
                    textRole: "text"
                    valueRole: "value"
                    Component.onCompleted: currentIndex = indexOfValue(root.app.language)
                    onActivated: root.app.language = currentValue
                }
                Item { Layout.fillWidth: true }
                BusyIndicator {
                    running: root.session.busy
                    implicitWidth: 32
                    implicitHeight: 32
                }
                Button {
                    objectName: "submitButton"
                    text: root.secondStep ? qsTr("Verify") : qsTr("Sign in")
                    highlighted: true
                    enabled: !root.session.busy
                    onClicked: root.submit()
                }
            }
        }
    }
}
