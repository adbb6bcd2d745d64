from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tillit.accounts"
    label = "accounts"
    verbose_name = "Konton och behörigheter"

    def ready(self) -> None:
        from tillit.accounts import signals  # noqa: F401  (login/logout/failed-login audit)
