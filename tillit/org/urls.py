from django.urls import path

from tillit.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
]
