using Baton.Core.Storage;
using Baton.Testing;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresOpenFailureTests : IDisposable
{
    private readonly TestSchema _schema = TestSchema.Create();

    [Theory]
    [InlineData("mysql://u@h/db", "is not a PostgreSQL URL")]
    [InlineData("postgres://u:secret@h:notaport/db", "is not a PostgreSQL URL")]
    [InlineData("postgres://u@h/db?sslmode=sometimes", "use one of disable, allow, prefer, require, verify-ca, verify-full")]
    [InlineData("postgres://u@h/db?pool=9", "which Baton does not pass on")]
    [InlineData("postgres://u@h/db?connect_timeout=soon", "give whole seconds")]
    public void A_malformed_url_is_refused_in_one_line_that_shows_the_form(string url, string says)
    {
        var refused = Should.Throw<FormatException>(() => PostgresUrl.Parse(url));

        refused.Message.ShouldContain(says);
        refused.Message.ShouldNotContain("secret");
        refused.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_url_passes_user_password_database_and_tls_settings_through()
    {
        var parsed = PostgresUrl.Parse("postgresql://ada%40team:p%3Ass@db.example.org:6543/baton?sslmode=verify-full&sslrootcert=/etc/ca.pem&options=-c%20search_path%3Dteam");

        parsed.Username.ShouldBe("ada@team");
        parsed.Password.ShouldBe("p:ss");
        parsed.Host.ShouldBe("db.example.org");
        parsed.Port.ShouldBe(6543);
        parsed.Database.ShouldBe("baton");
        parsed.SslMode.ShouldBe(SslMode.VerifyFull);
        parsed.RootCertificate.ShouldBe("/etc/ca.pem");
        parsed.Options.ShouldBe("-c search_path=team");
        PostgresUrl.Describe(parsed).ShouldBe("postgres://ada@team@db.example.org:6543/baton");
        PostgresUrl.Redact("postgres://ada:p%3Ass@db/baton").ShouldBe("postgres://ada:***@db/baton");
    }

    [Fact]
    public void A_wrong_password_is_refused_naming_where_passwords_come_from_and_never_showing_it()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Password = "not-the-password" };

        var refused = Should.Throw<StoreException>(() => PostgresStore.Open(wrong.ConnectionString));

        refused.Message.ShouldContain("refused the password");
        refused.Message.ShouldContain("~/.pgpass");
        refused.Message.ShouldNotContain("not-the-password");
    }

    [Fact]
    public void An_unknown_database_is_refused_naming_the_fix()
    {
        var missing = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Database = "no_such_database_" + _schema.Name };

        var refused = Should.Throw<StoreException>(() => PostgresStore.Open(missing.ConnectionString));

        refused.Message.ShouldContain("has no such database; create it (createdb)");
    }

    [Fact]
    public void An_unreachable_server_is_refused_naming_the_fix()
    {
        var closed = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Host = "127.0.0.1", Port = FreePort(), Timeout = 2 };

        var refused = Should.Throw<StoreException>(() => PostgresStore.Open(closed.ConnectionString));

        refused.Message.ShouldContain("is unreachable");
        refused.Message.ShouldContain("check the server is up");
    }

    [Fact]
    public void A_user_without_rights_to_create_the_schema_is_refused_naming_who_can()
    {
        var role = "r_" + _schema.Name;
        var password = Guid.NewGuid().ToString("N");
        _schema.Scalar($"CREATE ROLE {role} LOGIN PASSWORD '{password}'");
        _schema.Scalar($"GRANT USAGE ON SCHEMA {_schema.Name} TO {role}");
        try
        {
            var user = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Username = role, Password = password, Pooling = false };

            var refused = Should.Throw<StoreException>(() => PostgresStore.Open(user.ConnectionString));

            refused.Message.ShouldContain("has no Baton schema and this user may not create it");
        }
        finally
        {
            _schema.Scalar($"REVOKE ALL ON SCHEMA {_schema.Name} FROM {role}");
            _schema.Scalar($"DROP ROLE {role}");
        }
    }

    public void Dispose() => _schema.Dispose();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
