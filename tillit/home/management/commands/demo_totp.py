"""`python manage.py demo_totp USERNAME`: print the current TOTP code of a demo user's device."""

from __future__ import annotations

from time import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Skriv ut den aktuella engångskoden för en demoanvändares TOTP-enhet (bara för demo och test)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"Användaren {username!r} har ingen bekräftad TOTP-enhet.")
        totp = import_string("django_otp.oath.TOTP")(
            device.bin_key, device.step, device.t0, device.digits, device.drift
        )
        totp.time = time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
