from django.urls import path

from tillit.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("bevarande/", views.hold_place, name="hold_place"),
    path("bevarande/<int:pk>/hav/", views.hold_release, name="hold_release"),
]
