from django.urls import path

from tillit.events.views import public

app_name = "public"
urlpatterns = [
    path("", public.public_report, name="report"),
    path("folj-ditt-arende/", public.public_follow_up, name="follow_up"),
]
