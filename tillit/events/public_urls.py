from django.urls import path

from tillit.events import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.public_report, name="report"),
    path("folj-ditt-arende/", public_views.public_follow_up, name="follow_up"),
]
