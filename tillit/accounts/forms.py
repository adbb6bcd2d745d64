"""Forms for two-factor, user administration and the access review."""

from __future__ import annotations

from django import forms

from tillit.accounts.models import User
from tillit.core.forms import PersonnummerGuardMixin
from tillit.core.roles import Role
from tillit.org.models import Unit


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Engångskod från appen",
        max_length=9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": "Skriv koden från appen.", "max_length": "Koden består av sex siffror."},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Koden består av sex siffror.")
        return token


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "title", "provider", "oidc_issuer", "oidc_subject"]
        labels = {
            "username": "Användarnamn",
            "first_name": "Förnamn",
            "last_name": "Efternamn",
            "email": "E-post",
            "oidc_issuer": "OIDC-utfärdare (issuer)",
            "oidc_subject": "OIDC-subjekt (sub)",
        }
        help_texts = {
            "username": "",
            "provider": "Anges för personal hos en privat utförare; de ser bara utförarens enheter.",
            "oidc_subject": "För inloggning via kommunens IdP. Matchas bara tillsammans med utfärdaren.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["username"].disabled = True  # the login name is an identity: never reused

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("oidc_issuer")) != bool(cleaned.get("oidc_subject")):
            raise forms.ValidationError("Ange både OIDC-utfärdare och OIDC-subjekt, eller ingetdera.")
        return cleaned


class AssignmentForm(forms.Form):
    role = forms.ChoiceField(label="Roll", choices=Role.choices)
    unit = forms.ModelChoiceField(label="Enhet (gäller även enheter under)", queryset=Unit.objects.none())
    whole_provider = forms.BooleanField(
        label="Gäller alla enheter som utföraren driver",
        required=False,
        help_text="Bara för personal hos en utförare; enheten ska vara en av utförarens.",
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"


class PasswordForm(forms.Form):
    password = forms.CharField(label="Nytt lösenord", widget=forms.PasswordInput(render_value=False), min_length=12)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Sök namn eller användarnamn", required=False)
    role = forms.ChoiceField(label="Roll", choices=[("", "Alla roller"), *Role.choices], required=False)
    inactive = forms.BooleanField(label="Visa inaktiverade", required=False)


class AccessReviewForm(PersonnummerGuardMixin, forms.Form):
    year = forms.IntegerField(label="År som granskats", min_value=2000, max_value=2100)
    reviewed_on = forms.DateField(label="Granskad den", widget=forms.DateInput(attrs={"type": "date"}))
    conclusion = forms.CharField(
        label="Slutsats och vidtagna åtgärder", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
