#include "crypto/Jwt.h"
#include "crypto/PasswordHasher.h"
#include "crypto/RandomToken.h"
#include "crypto/SecretBox.h"
#include "crypto/Totp.h"
#include "crypto/WebhookSignature.h"
#include "domain/QrCode.h"

#include <QImage>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

// Readable QCOMPARE failures for the optionals the units return.
namespace QTest {
template <>
char *toString(const std::optional<qint64> &value)
{
    return value ? QTest::toString(*value) : qstrdup("nullopt");
}
template <>
char *toString(const std::optional<QByteArray> &value)
{
    return value ? QTest::toString(*value) : qstrdup("nullopt");
}
}   // namespace QTest

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

const QByteArray JwtKey = QByteArrayLiteral("0123456789abcdef0123456789abcdef");
constexpr qint64 Now = 1'700'000'000;

QByteArray b64url(const QByteArray &raw)
{
    return raw.toBase64(Base64Url);
}

// Builds a token by hand, signed with QMessageAuthenticationCode rather than
// Jwt's own code, so the tests do not trust what they test.
QByteArray handMadeToken(const QByteArray &headerJson, const QByteArray &payloadJson, const QByteArray &key = JwtKey)
{
    const QByteArray input = b64url(headerJson) + '.' + b64url(payloadJson);
    return input + '.' + b64url(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
}

const QByteArray Hs256Header = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})");

// RFC 6238 appendix B: the SHA-1 seed is ASCII "12345678901234567890".
const QByteArray RfcSecret = QByteArrayLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

}   // namespace

class tst_Crypto : public QObject {
    Q_OBJECT

private slots:
    // PasswordHasher
    void passwordRoundTrip_data();
    void passwordRoundTrip();
    void passwordHashesAreSalted();
    void passwordUnicodeIsNormalised();
    void passwordNeedsRehash_data();
    void passwordNeedsRehash();
    void passwordDummyHash();

    // Jwt
    void jwtRoundTrip();
    void jwtAccepts_data();
    void jwtAccepts();
    void jwtRejects_data();
    void jwtRejects();

    // Totp
    void totpRfcVectors_data();
    void totpRfcVectors();
    void totpWindow_data();
    void totpWindow();
    void totpRejectsMalformed_data();
    void totpRejectsMalformed();
    void totpGenerateSecret();
    void totpProvisioningUri();

    // QrCode
    void qrPngDataUrl();
    void qrRejects_data();
    void qrRejects();

    // SecretBox
    void secretBoxRoundTrip_data();
    void secretBoxRoundTrip();
    void secretBoxRejects_data();
    void secretBoxRejects();
    void secretBoxInvalidKey();

    // RandomToken
    void randomUrlSafe();
    void randomSha256Hex();
    void backupCodes();
    void backupCodeHash_data();
    void backupCodeHash();
};

// --- PasswordHasher --------------------------------------------------------

void tst_Crypto::passwordRoundTrip_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("wrong");

    QTest::addRow("ascii") << u"correct horse battery staple"_s << u"correct horse battery stapl"_s;
    QTest::addRow("case") << u"Secret123!"_s << u"secret123!"_s;
    QTest::addRow("unicode") << u"contraseña-güero-日本"_s << u"contrasena-guero-日本"_s;
    QTest::addRow("empty") << QString() << u" "_s;
    QTest::addRow("long") << QString(1000, u'x') << QString(999, u'x');
}

void tst_Crypto::passwordRoundTrip()
{
    QFETCH(QString, password);
    QFETCH(QString, wrong);

    const QByteArray hash = PasswordHasher::hash(password);
    QVERIFY(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    QVERIFY(PasswordHasher::verify(hash, password));
    QVERIFY(!PasswordHasher::verify(hash, wrong));
    QVERIFY(!PasswordHasher::needsRehash(hash));
}

void tst_Crypto::passwordHashesAreSalted()
{
    const QByteArray a = PasswordHasher::hash(u"hunter2"_s);
    const QByteArray b = PasswordHasher::hash(u"hunter2"_s);
    QVERIFY(!a.isEmpty());
    QCOMPARE_NE(a, b);
    QVERIFY(PasswordHasher::verify(a, u"hunter2"_s));
    QVERIFY(PasswordHasher::verify(b, u"hunter2"_s));
}

void tst_Crypto::passwordUnicodeIsNormalised()
{
    // "é" typed precomposed (U+00E9) or as e + combining acute (U+0301)
    const QByteArray hash = PasswordHasher::hash(u"caf\u00e9"_s);
    QVERIFY(PasswordHasher::verify(hash, u"cafe\u0301"_s));
}

void tst_Crypto::passwordNeedsRehash_data()
{
    QTest::addColumn<QByteArray>("hash");
    QTest::addColumn<bool>("needsRehash");

    QTest::addRow("current") << PasswordHasher::hash(u"pw"_s) << false;
    // Same password, stronger cost, from the libsodium CLI parameters m=64 MiB t=3.
    QTest::addRow("other-cost") << QByteArrayLiteral("$argon2id$v=19$m=65536,t=3,p=1$c29tZXNhbHRzb21lc2FsdA"
                                                     "$RdescudvJCsgt3ub+b+dWRWJTmaaJObG0Q0z+6nG7aQ")
                                << true;
    QTest::addRow("argon2i") << QByteArrayLiteral("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA"
                                                  "$RdescudvJCsgt3ub+b+dWRWJTmaaJObG0Q0z+6nG7aQ")
                             << true;
    QTest::addRow("garbage") << QByteArrayLiteral("not a hash") << true;
    QTest::addRow("empty") << QByteArray() << true;
}

void tst_Crypto::passwordNeedsRehash()
{
    QFETCH(QByteArray, hash);
    QFETCH(bool, needsRehash);
    QCOMPARE(PasswordHasher::needsRehash(hash), needsRehash);
}

void tst_Crypto::passwordDummyHash()
{
    const QByteArray dummy = PasswordHasher::dummyHash();
    // It must cost exactly what a real hash costs, or timing tells accounts apart.
    QVERIFY(!PasswordHasher::needsRehash(dummy));
    QVERIFY(!PasswordHasher::verify(dummy, QString()));
    QVERIFY(!PasswordHasher::verify(dummy, u"password"_s));
    QVERIFY(!PasswordHasher::verify(QByteArrayLiteral("garbage"), u"password"_s));
    QVERIFY(!PasswordHasher::verify(QByteArray(), QString()));
}

// --- Jwt -------------------------------------------------------------------

void tst_Crypto::jwtRoundTrip()
{
    const QJsonObject claims{{u"sub"_s, 42}, {u"role"_s, u"admin"_s}, {u"exp"_s, Now + 900}};
    const QByteArray token = Jwt::sign(claims, JwtKey);
    QCOMPARE(token.count('.'), 2);
    QVERIFY(!token.contains('='));
    QVERIFY(!token.contains('+'));
    QVERIFY(!token.contains('/'));

    // The header is the fixed canonical one.
    QCOMPARE(QByteArray::fromBase64(token.first(token.indexOf('.')), Base64Url), Hs256Header);
    // Independent HMAC check of what sign() produced.
    QCOMPARE(handMadeToken(Hs256Header, QJsonDocument(claims).toJson(QJsonDocument::Compact)), token);

    const auto verified = Jwt::verify(token, JwtKey, Now);
    QVERIFY(verified);
    QCOMPARE(*verified, claims);

    QVERIFY(Jwt::sign(claims, QByteArray()).isEmpty());
}

void tst_Crypto::jwtAccepts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<qint64>("now");

    const QByteArray payload = QByteArrayLiteral(R"({"sub":1,"exp":1700000900})");
    QTest::addRow("canonical") << handMadeToken(Hs256Header, payload) << JwtKey << Now;
    QTest::addRow("header-reordered") << handMadeToken(R"({ "typ": "JWT", "alg": "HS256" })", payload) << JwtKey << Now;
    QTest::addRow("nbf-past") << handMadeToken(Hs256Header, R"({"nbf":1699999999,"exp":1700000900})") << JwtKey << Now;
    QTest::addRow("exp-fractional") << handMadeToken(Hs256Header, R"({"exp":1700000000.5})") << JwtKey << Now;
    // RFC 7515 appendix A.1: another implementation's token, CRLFs and all.
    QTest::addRow("rfc7515-a1")
        << QByteArrayLiteral(
               "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
               ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
               ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        << QByteArray::fromBase64(
               "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", Base64Url)
        << qint64(1300819379);
}

void tst_Crypto::jwtAccepts()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, key);
    QFETCH(qint64, now);
    QVERIFY(Jwt::verify(token, key, now));
}

void tst_Crypto::jwtRejects_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("key");

    const QJsonObject claims{{u"sub"_s, 1}, {u"exp"_s, Now + 900}};
    const QByteArray good = Jwt::sign(claims, JwtKey);
    const QList<QByteArray> parts = good.split('.');
    QCOMPARE(parts.size(), 3);
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);

    QTest::addRow("other-key") << good << QByteArrayLiteral("other key");
    QTest::addRow("empty-key") << good << QByteArray();

    const QByteArray adminPayload = b64url(R"({"sub":1,"role":"admin","exp":1700000900})");
    QTest::addRow("tampered-payload") << QByteArray(parts[0] + '.' + adminPayload + '.' + parts[2]) << JwtKey;

    QByteArray flipped = parts[2];
    flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
    QTest::addRow("tampered-signature") << QByteArray(parts[0] + '.' + parts[1] + '.' + flipped) << JwtKey;

    // The last of 43 characters carries 4 spare bits: a different character
    // that decodes to the same MAC must still be refused.
    QByteArray respelled = parts[2];
    const char last = respelled.back();
    static constexpr QByteArrayView alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    respelled.back() = alphabet[(alphabet.indexOf(last) ^ 1)];
    QCOMPARE(QByteArray::fromBase64(respelled, Base64Url), QByteArray::fromBase64(parts[2], Base64Url));
    QTest::addRow("non-canonical-signature") << QByteArray(parts[0] + '.' + parts[1] + '.' + respelled) << JwtKey;

    QTest::addRow("padded-signature") << QByteArray(good + '=') << JwtKey;
    QTest::addRow("missing-signature") << QByteArray(parts[0] + '.' + parts[1] + '.') << JwtKey;
    QTest::addRow("signature-of-other-key") << handMadeToken(Hs256Header, payload, "k") << JwtKey;

    const QByteArray none = b64url(R"({"alg":"none","typ":"JWT"})");
    QTest::addRow("alg-none-unsigned") << QByteArray(none + '.' + parts[1] + '.') << JwtKey;
    QTest::addRow("alg-none-with-signature") << QByteArray(none + '.' + parts[1] + '.' + parts[2]) << JwtKey;
    QTest::addRow("alg-none-correctly-hmaced") << handMadeToken(R"({"alg":"none","typ":"JWT"})", payload) << JwtKey;
    QTest::addRow("alg-hs512") << handMadeToken(R"({"alg":"HS512","typ":"JWT"})", payload) << JwtKey;
    QTest::addRow("alg-lowercase") << handMadeToken(R"({"alg":"hs256","typ":"JWT"})", payload) << JwtKey;
    QTest::addRow("typ-missing") << handMadeToken(R"({"alg":"HS256"})", payload) << JwtKey;
    QTest::addRow("typ-other") << handMadeToken(R"({"alg":"HS256","typ":"JWS"})", payload) << JwtKey;

    QTest::addRow("expired") << handMadeToken(Hs256Header, R"({"exp":1699999999})") << JwtKey;
    QTest::addRow("expires-now") << handMadeToken(Hs256Header, R"({"exp":1700000000})") << JwtKey;
    QTest::addRow("no-exp") << handMadeToken(Hs256Header, R"({"sub":1})") << JwtKey;
    QTest::addRow("exp-string") << handMadeToken(Hs256Header, R"({"exp":"9999999999"})") << JwtKey;
    QTest::addRow("exp-null") << handMadeToken(Hs256Header, R"({"exp":null})") << JwtKey;
    QTest::addRow("nbf-future") << handMadeToken(Hs256Header, R"({"nbf":1700000001,"exp":1700000900})") << JwtKey;
    QTest::addRow("payload-array") << handMadeToken(Hs256Header, "[1,2]") << JwtKey;
    QTest::addRow("payload-not-json") << handMadeToken(Hs256Header, "exp=1700000900") << JwtKey;
    QTest::addRow("header-not-json") << handMadeToken("HS256", payload) << JwtKey;

    QTest::addRow("empty") << QByteArray() << JwtKey;
    QTest::addRow("garbage") << QByteArrayLiteral("not a token") << JwtKey;
    QTest::addRow("dots-only") << QByteArrayLiteral("..") << JwtKey;
    QTest::addRow("two-parts") << QByteArray(parts[0] + '.' + parts[1]) << JwtKey;
    QTest::addRow("four-parts") << QByteArray(good + ".e30") << JwtKey;
    QTest::addRow("bearer-prefix") << QByteArray("Bearer " + good) << JwtKey;
    QTest::addRow("standard-base64") << QByteArray(parts[0] + '.' + parts[1] + '.' +
                                                   QByteArray::fromBase64(parts[2], Base64Url).toBase64())
                                     << JwtKey;
    QTest::addRow("huge") << QByteArray(Jwt::MaxTokenSize + 1, 'a') << JwtKey;
}

void tst_Crypto::jwtRejects()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, key);
    QVERIFY(!Jwt::verify(token, key, Now));
}

// --- Totp ------------------------------------------------------------------

void tst_Crypto::totpRfcVectors_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("code");

    // RFC 6238 appendix B, SHA-1 column, last 6 of the 8 digits.
    QTest::addRow("59") << qint64(59) << u"287082"_s;
    QTest::addRow("1111111109") << qint64(1111111109) << u"081804"_s;
    QTest::addRow("1111111111") << qint64(1111111111) << u"050471"_s;
    QTest::addRow("1234567890") << qint64(1234567890) << u"005924"_s;
    QTest::addRow("2000000000") << qint64(2000000000) << u"279037"_s;
    QTest::addRow("20000000000") << qint64(20000000000) << u"353130"_s;
}

void tst_Crypto::totpRfcVectors()
{
    QFETCH(qint64, time);
    QFETCH(QString, code);

    QCOMPARE(Totp::codeAt(RfcSecret, time), code);
    QCOMPARE(Totp::validate(RfcSecret, code, time), std::optional<qint64>(time / 30));
    // Lower-case secrets decode too.
    QCOMPARE(Totp::codeAt(RfcSecret.toLower(), time), code);
}

void tst_Crypto::totpWindow_data()
{
    QTest::addColumn<qint64>("stepOffset");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("two-before") << qint64(-2) << false;
    QTest::addRow("previous") << qint64(-1) << true;
    QTest::addRow("current") << qint64(0) << true;
    QTest::addRow("next") << qint64(1) << true;
    QTest::addRow("two-after") << qint64(2) << false;
}

void tst_Crypto::totpWindow()
{
    QFETCH(qint64, stepOffset);
    QFETCH(bool, accepted);

    const qint64 now = 1111111111;   // 1 s into its step 37037037
    const qint64 counter = now / 30 + stepOffset;
    const QString code = Totp::codeAt(RfcSecret, counter * 30);
    QCOMPARE(code.size(), 6);

    const auto matched = Totp::validate(RfcSecret, code, now);
    if (accepted)
        QCOMPARE(matched, std::optional<qint64>(counter));
    else
        QCOMPARE(matched, std::nullopt);
}

void tst_Crypto::totpRejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("accepted");

    // 1111111111 -> "050471" (RFC 6238)
    QTest::addRow("spaces-ignored") << RfcSecret << u" 050 471 "_s << true;
    QTest::addRow("wrong-code") << RfcSecret << u"050472"_s << false;
    QTest::addRow("eight-digit-form") << RfcSecret << u"14050471"_s << false;
    QTest::addRow("five-digits") << RfcSecret << u"50471"_s << false;
    QTest::addRow("seven-digits") << RfcSecret << u"0504710"_s << false;
    QTest::addRow("letters") << RfcSecret << u"05047a"_s << false;
    QTest::addRow("arabic-indic-digits") << RfcSecret << u"\u0660\u0665\u0660\u0664\u0667\u0661"_s << false;
    QTest::addRow("empty-code") << RfcSecret << QString() << false;
    QTest::addRow("empty-secret") << QByteArray() << u"050471"_s << false;
    QTest::addRow("secret-not-base32") << QByteArrayLiteral("GEZD!NBV") << u"050471"_s << false;
    QTest::addRow("other-secret") << QByteArrayLiteral("JBSWY3DPEHPK3PXP") << u"050471"_s << false;
}

void tst_Crypto::totpRejectsMalformed()
{
    QFETCH(QByteArray, secret);
    QFETCH(QString, code);
    QFETCH(bool, accepted);
    QCOMPARE(Totp::validate(secret, code, 1111111111).has_value(), accepted);
}

void tst_Crypto::totpGenerateSecret()
{
    const QByteArray a = Totp::generateSecret();
    const QByteArray b = Totp::generateSecret();
    QCOMPARE_NE(a, b);
    static const QRegularExpression base32(u"^[A-Z2-7]{32}$"_s);
    QVERIFY2(base32.match(QString::fromLatin1(a)).hasMatch(), a.constData());

    const QString code = Totp::codeAt(a, Now);
    QCOMPARE(code.size(), 6);
    QCOMPARE(Totp::validate(a, code, Now), std::optional<qint64>(Now / 30));
}

void tst_Crypto::totpProvisioningUri()
{
    QCOMPARE(Totp::provisioningUri(u"ana.perez+crm@example.com"_s, "JBSWY3DPEHPK3PXP"),
             u"otpauth://totp/Conversa:ana.perez%2Bcrm%40example.com?secret=JBSWY3DPEHPK3PXP"
             "&issuer=Conversa"_s);
    QCOMPARE(Totp::provisioningUri(u"josé ñ@x.mx"_s, "AB"),
             u"otpauth://totp/Conversa:jos%C3%A9%20%C3%B1%40x.mx?secret=AB&issuer=Conversa"_s);
}

// --- QrCode ----------------------------------------------------------------

void tst_Crypto::qrPngDataUrl()
{
    const QByteArray uri = Totp::provisioningUri(u"ana@example.com"_s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").toUtf8();
    const QByteArray url = QrCode::pngDataUrl(uri);
    const QByteArray prefix = QByteArrayLiteral("data:image/png;base64,");
    QVERIFY(url.startsWith(prefix));

    const auto png = QByteArray::fromBase64Encoding(url.sliced(prefix.size()), QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(png);
    QVERIFY(png.decoded.startsWith("\x89PNG\r\n\x1a\n"));

    const QImage image = QImage::fromData(png.decoded, "PNG");
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), image.height());
    QCOMPARE(image.width() % QrCode::ModulePixels, 0);
    const int modules = image.width() / QrCode::ModulePixels - 2 * QrCode::QuietZoneModules;
    // Versions 1..40 are 21..177 modules wide, in steps of 4.
    QVERIFY2(modules >= 21 && modules <= 177 && (modules - 21) % 4 == 0, QByteArray::number(modules).constData());

    // Quiet zone white; the top-left finder pattern starts right after it.
    const int q = QrCode::QuietZoneModules * QrCode::ModulePixels;
    QCOMPARE(qGray(image.pixel(0, 0)), 255);
    QCOMPARE(qGray(image.pixel(q - 1, q - 1)), 255);
    QCOMPARE(qGray(image.pixel(q, q)), 0);
    QCOMPARE(qGray(image.pixel(q + 6 * QrCode::ModulePixels + 5, q)), 0);
    // Finder pattern: a light ring one module inside the dark border.
    QCOMPARE(qGray(image.pixel(q + QrCode::ModulePixels, q + QrCode::ModulePixels)), 255);
    QCOMPARE(qGray(image.pixel(image.width() - 1, image.height() - 1)), 255);
}

void tst_Crypto::qrRejects_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("embedded-nul") << QByteArray("abc\0def", 7);
    QTest::addRow("too-long") << QByteArray(8000, 'x');
}

void tst_Crypto::qrRejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(QrCode::pngDataUrl(text).isEmpty());
}

// --- SecretBox -------------------------------------------------------------

void tst_Crypto::secretBoxRoundTrip_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("associatedData");

    QTest::addRow("totp-secret") << QByteArrayLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") << QByteArray();
    QTest::addRow("with-associated-data") << QByteArrayLiteral("EAAB...token") << QByteArrayLiteral("users:42");
    QTest::addRow("empty") << QByteArray() << QByteArray();
    QTest::addRow("binary") << QByteArray("\0\1\2\xff\0", 5) << QByteArray();
    QTest::addRow("large") << QByteArray(100'000, 'z') << QByteArrayLiteral("x");
}

void tst_Crypto::secretBoxRoundTrip()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, associatedData);

    const SecretBox box(SecretBox::generateKey());
    QVERIFY(box.isValid());
    const QByteArray sealed = box.seal(plain, associatedData);
    QVERIFY(sealed.startsWith("v1:"));
    QCOMPARE(QByteArray::fromBase64(sealed.sliced(3)).size(), SecretBox::NonceSize + plain.size() + SecretBox::TagSize);
    QCOMPARE(box.open(sealed, associatedData), std::optional<QByteArray>(plain));
    // A fresh nonce each time.
    QCOMPARE_NE(box.seal(plain, associatedData), sealed);
}

void tst_Crypto::secretBoxRejects_data()
{
    QTest::addColumn<QByteArray>("sealed");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("associatedData");

    const QByteArray key = SecretBox::generateKey();
    const SecretBox box(key);
    const QByteArray plain = QByteArrayLiteral("JBSWY3DPEHPK3PXP");
    const QByteArray sealed = box.seal(plain, "users:1");
    const QByteArray raw = QByteArray::fromBase64(sealed.sliced(3));

    const auto reseal = [](QByteArray bytes, qsizetype at) -> QByteArray {
        bytes[at] = char(bytes[at] ^ 0x01);
        return "v1:" + bytes.toBase64();
    };
    QTest::addRow("other-associated-data") << sealed << key << QByteArrayLiteral("users:2");
    QTest::addRow("no-associated-data") << sealed << key << QByteArray();
    QTest::addRow("wrong-key") << sealed << SecretBox::generateKey() << QByteArrayLiteral("users:1");
    QTest::addRow("tampered-nonce") << reseal(raw, 0) << key << QByteArrayLiteral("users:1");
    QTest::addRow("tampered-ciphertext") << reseal(raw, SecretBox::NonceSize + 3) << key
                                         << QByteArrayLiteral("users:1");
    QTest::addRow("tampered-tag") << reseal(raw, raw.size() - 1) << key << QByteArrayLiteral("users:1");
    QTest::addRow("truncated") << QByteArray("v1:" + raw.first(raw.size() - 1).toBase64()) << key
                               << QByteArrayLiteral("users:1");
    QTest::addRow("too-short") << QByteArray("v1:" +
                                             raw.first(SecretBox::NonceSize + SecretBox::TagSize - 1).toBase64())
                               << key << QByteArrayLiteral("users:1");
    QTest::addRow("no-prefix") << sealed.sliced(3) << key << QByteArrayLiteral("users:1");
    QTest::addRow("other-version") << QByteArray("v2:" + sealed.sliced(3)) << key << QByteArrayLiteral("users:1");
    QTest::addRow("bad-base64") << QByteArray(sealed + "!") << key << QByteArrayLiteral("users:1");
    QTest::addRow("plaintext") << plain << key << QByteArray();
    QTest::addRow("empty") << QByteArray() << key << QByteArray();
}

void tst_Crypto::secretBoxRejects()
{
    QFETCH(QByteArray, sealed);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, associatedData);
    QCOMPARE(SecretBox(key).open(sealed, associatedData), std::nullopt);
}

void tst_Crypto::secretBoxInvalidKey()
{
    const SecretBox shortKey(QByteArray(31, 'k'));
    QVERIFY(!shortKey.isValid());
    QVERIFY(shortKey.seal("x").isEmpty());

    const QByteArray key = SecretBox::generateKey();
    QCOMPARE(key.size(), SecretBox::KeySize);
    QCOMPARE_NE(SecretBox::generateKey(), key);
    QCOMPARE(SecretBox(QByteArray(33, 'k')).open(SecretBox(key).seal("x")), std::nullopt);
}

// --- RandomToken -----------------------------------------------------------

void tst_Crypto::randomUrlSafe()
{
    static const QRegularExpression urlSafe(u"^[A-Za-z0-9_-]+$"_s);
    const QByteArray a = RandomToken::urlSafe();
    QCOMPARE(a.size(), 43);
    QVERIFY(urlSafe.match(QString::fromLatin1(a)).hasMatch());
    QCOMPARE_NE(RandomToken::urlSafe(), a);
    QCOMPARE(RandomToken::urlSafe(16).size(), 22);
    QCOMPARE(QByteArray::fromBase64(RandomToken::urlSafe(48), Base64Url).size(), 48);
    QCOMPARE(RandomToken::bytes(20).size(), 20);
}

void tst_Crypto::randomSha256Hex()
{
    QCOMPARE(RandomToken::sha256Hex("abc"),
             QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(RandomToken::sha256Hex({}),
             QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void tst_Crypto::backupCodes()
{
    static const QRegularExpression format(u"^[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}$"_s);
    QCOMPARE(RandomToken::backupCodes(3).size(), 3);

    const QStringList codes = RandomToken::backupCodes();
    QCOMPARE(codes.size(), 10);
    QCOMPARE(QSet<QString>(codes.cbegin(), codes.cend()).size(), 10);
    for (const QString &code : codes)
        QVERIFY2(format.match(code).hasMatch(), qPrintable(code));

    // Every symbol of the alphabet shows up eventually, and nothing else.
    QSet<QChar> seen;
    for (const QString &code : RandomToken::backupCodes(200)) {
        for (QChar c : code)
            seen.insert(c);
    }
    seen.remove(u'-');
    QCOMPARE(seen.size(), RandomToken::BackupCodeAlphabet.size());
}

void tst_Crypto::backupCodeHash_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("matches");

    QTest::addRow("as-shown") << u"k7mqa-x3vte"_s << true;
    QTest::addRow("no-dash") << u"k7mqax3vte"_s << true;
    QTest::addRow("upper-case") << u"K7MQA-X3VTE"_s << true;
    QTest::addRow("spaces") << u" k7mqa x3vte\t"_s << true;
    QTest::addRow("extra-dashes") << u"k7-mqa-x3-vte"_s << true;
    QTest::addRow("one-char-off") << u"k7mqa-x3vtf"_s << false;
    QTest::addRow("prefix") << u"k7mqa"_s << false;
    QTest::addRow("non-latin1") << u"k7mqa-x3vt\u0435"_s << false;   // Cyrillic e
}

void tst_Crypto::backupCodeHash()
{
    QFETCH(QString, typed);
    QFETCH(bool, matches);

    const QByteArray key = "server key";
    const QByteArray stored = RandomToken::hashBackupCode(key, u"k7mqa-x3vte"_s);
    QCOMPARE(stored, QByteArray("h1:" + WebhookSignature::hmacSha256Hex(key, "backup-code:k7mqax3vte")));
    QCOMPARE(RandomToken::hashBackupCode(key, typed) == stored, matches);
    QVERIFY(RandomToken::hashBackupCode("another key", typed) != stored);   // keyed
    QCOMPARE(RandomToken::legacyBackupCodeHash(u"k7mqa-x3vte"_s), RandomToken::sha256Hex("k7mqax3vte"));
    QCOMPARE(RandomToken::legacyBackupCodeHash(typed) == RandomToken::sha256Hex("k7mqax3vte"), matches);
}

QTEST_GUILESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
