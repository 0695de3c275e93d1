#include <array>
#include <atomic>
#include <sodium.h>

#include <QTest>
#include <QThreadPool>

#include "server/passwordhasher.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// PasswordHasher with libsodium's real argon2id.
class TestPasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void verifiesRightAndWrongPassword()
    {
        const PasswordHasher hasher;
        const QString hash = hasher.hash(u"correct horse"_s);
        QVERIFY(hash.startsWith(u"$argon2id$"_s));
        QVERIFY(hasher.verify(hash, u"correct horse"_s));
        QVERIFY(!hasher.verify(hash, u"correct horse "_s));
        QVERIFY(!hasher.verify(hash, u""_s));
    }

    void nonAsciiPassword()
    {
        const PasswordHasher hasher;
        const QString hash = hasher.hash(u"Grüße, 密码"_s);
        QVERIFY(hasher.verify(hash, u"Grüße, 密码"_s));
        QVERIFY(!hasher.verify(hash, u"Grusse, 密码"_s));
    }

    void saltMakesHashesDiffer()
    {
        const PasswordHasher hasher;
        const QString first = hasher.hash(u"alice"_s);
        const QString second = hasher.hash(u"alice"_s);
        QVERIFY(!first.isEmpty());
        QVERIFY(first != second);
        QVERIFY(hasher.verify(first, u"alice"_s));
        QVERIFY(hasher.verify(second, u"alice"_s));
    }

    void needsRehash()
    {
        const PasswordHasher hasher;
        const PasswordHasher weak(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
        const QString strongHash = hasher.hash(u"pw"_s);
        const QString weakHash = weak.hash(u"pw"_s);
        QVERIFY(!hasher.needsRehash(strongHash));
        QVERIFY(hasher.needsRehash(weakHash));
        QVERIFY(!weak.needsRehash(weakHash));
        // A weak hash still verifies: needsRehash is for upgrading at the next login.
        QVERIFY(hasher.verify(weakHash, u"pw"_s));
        QVERIFY(hasher.needsRehash(u"not a hash"_s));
    }

    void costIsInTheEncodedHash()
    {
        // recordlockd's --password-hash-passes/--password-hash-memory and the "$m=..,t=.." of a hash
        // use the same units, so a stored hash shows which setting made it.
        const PasswordHasher weak = PasswordHasher::withCost(1, 8);
        const QString weakHash = weak.hash(u"pw"_s);
        QVERIFY2(weakHash.startsWith(u"$argon2id$v=19$m=8,t=1,p=1$"_s), qPrintable(weakHash));
        const PasswordHasher defaults;
        QVERIFY(defaults.hash(u"pw"_s).startsWith(u"$argon2id$v=19$m=65536,t=2,p=1$"_s));
        QVERIFY(!PasswordHasher::withCost(2, 64 * 1024).needsRehash(defaults.hash(u"pw"_s)));

        // The upgrade a login performs: verify with the old hash, hash again with the new cost.
        QVERIFY(defaults.needsRehash(weakHash));
        QVERIFY(defaults.verify(weakHash, u"pw"_s));
        const QString upgraded = defaults.hash(u"pw"_s);
        QVERIFY(!defaults.needsRehash(upgraded));
        QVERIFY(weak.needsRehash(upgraded));
        QVERIFY(weak.verify(upgraded, u"pw"_s)); // any hasher verifies any parameters
    }

    void costIsClamped()
    {
        QVERIFY(PasswordHasher::withCost(0, 1).hash(u"pw"_s).startsWith(u"$argon2id$v=19$m=8,t=1,"_s));
    }

    void argon2iHashNeedsRehash()
    {
        // Same limits, older algorithm: libsodium's generic check alone would accept it.
        char out[crypto_pwhash_STRBYTES];
        QCOMPARE(crypto_pwhash_str_alg(out, "pw", 2, crypto_pwhash_argon2i_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                                       crypto_pwhash_ALG_ARGON2I13),
                 0);
        const PasswordHasher sameLimits(crypto_pwhash_argon2i_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
        QVERIFY(sameLimits.verify(QString::fromLatin1(out), u"pw"_s));
        QVERIFY(sameLimits.needsRehash(QString::fromLatin1(out)));
    }

    void malformedHashDoesNotVerify()
    {
        const PasswordHasher hasher;
        QVERIFY(!hasher.verify(u""_s, u"pw"_s));
        QVERIFY(!hasher.verify(u"$argon2id$garbage"_s, u"pw"_s));
        QVERIFY(!hasher.verify(QString(500, u'x'), u"pw"_s));
    }

    void verifyFromWorkerThreads()
    {
        // The server verifies in a QThreadPool; one hasher shared by several threads at once.
        const PasswordHasher hasher;
        const QString hash = hasher.hash(u"bob"_s);
        std::array<std::atomic<int>, 4> results{};
        QThreadPool pool;
        pool.setMaxThreadCount(int(results.size()));
        for (int i = 0; i < int(results.size()); ++i) {
            pool.start([&hasher, &results, hash, i] {
                results[i] = hasher.verify(hash, i % 2 ? u"bob"_s : u"eve"_s) ? 1 : 0;
            });
        }
        QVERIFY(pool.waitForDone(20000));
        for (int i = 0; i < int(results.size()); ++i)
            QCOMPARE(results[i].load(), i % 2);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
