import QtQuick
import QtTest
import Conversa.Core
import Conversa.App

// The sign-in page against the real server: what it asks for, the server's refusal shown on the
// page, and a successful sign-in through its button; then Main switches to the workspace.
TestCase {
    id: testCase
    name: "LoginPage"
    when: windowShown
    width: 1280
    height: 720

    Component {
        id: page
        LoginPage { app: testCase.theApp; width: 1280; height: 720 }
    }
    Component {
        id: main
        Main { app: testCase.theApp }
    }

    property AppContext theApp: app

    function fill(p, server, email, password) {
        findChild(p, "serverField").text = server
        findChild(p, "emailField").text = email
        findChild(p, "passwordField").text = password
    }

    function cleanup() {
        app.session.logout()
        app.session.clearError()
        tryCompare(app.session, "stage", SessionController.SignedOut)
    }

    function test_missingPassword() {
        const p = createTemporaryObject(page, testCase.Window.contentItem)
        fill(p, serverUrl, "qml@example.com", "")
        mouseClick(findChild(p, "submitButton"))
        const error = findChild(p, "errorLabel")
        compare(error.text, "Enter your email and password.")
        verify(error.visible)
    }

    function test_languageSwitch() {
        const p = createTemporaryObject(page, testCase.Window.contentItem)
        const button = findChild(p, "submitButton")
        compare(button.text, "Sign in")
        app.language = "es"
        compare(button.text, "Iniciar sesión")
        compare(app.language, "es")
        app.language = "en"
        compare(button.text, "Sign in")
    }

    function test_wrongPassword() {
        const p = createTemporaryObject(page, testCase.Window.contentItem)
        fill(p, serverUrl, "qml@example.com", "not the password")
        mouseClick(findChild(p, "submitButton"))
        tryVerify(() => findChild(p, "errorLabel").text.length > 0, 10000)
        compare(app.session.stage, SessionController.SignedOut)
    }

    function test_signInSwitchesToWorkspace() {
        const w = createTemporaryObject(main, testCase.Window.contentItem)
        verify(w)
        const loader = findChild(w.contentItem, "page")
        tryVerify(() => loader.item && loader.item.objectName === "loginPage")
        const p = loader.item
        fill(p, serverUrl, "qml@example.com", "correct horse 1")
        mouseClick(findChild(p, "submitButton"))
        tryCompare(app.session, "stage", SessionController.SignedIn, 10000)
        tryVerify(() => loader.item && loader.item.objectName === "workspacePage", 5000)
        tryCompare(findChild(loader.item, "userNameLabel"), "text", "Quim Martí", 5000)
        compare(w.header.objectName, "connectionBanner")
        compare(w.header.visible, false)   // the server answers: no banner
        w.close()
    }
}
